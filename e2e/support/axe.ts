/**
 * Accessibility check of the page as it stands: axe-core runs inside the page and the test fails
 * on any serious or critical violation (RGAA / WCAG 2.1 AA rules of axe).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Impacts that fail a test. */
const failing = new Set(['serious', 'critical']);

/**
 * Injects axe-core (through the DevTools protocol: the page's CSP allows no inline script) and
 * throws with every serious or critical violation found, each with the elements concerned.
 */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe.run(
      document,
    ),
  );
  const violations = results.violations.filter((v) => failing.has(v.impact ?? ''));
  if (violations.length === 0) return;
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? ''}): ${v.help}\n` +
        v.nodes
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  throw new Error(`Accessibility violations on ${what}:\n${report}`);
}
