/** Launches Debian's Chromium through playwright-core (never a downloaded browser). */
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Path of the system Chromium. */
export const chromiumPath = process.env.CARNET_CHROMIUM ?? '/usr/bin/chromium';

/** A headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
