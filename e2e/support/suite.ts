/**
 * What most browser test files start with: a real SMTP inbox, a Carnet server mailing to it and a
 * Chromium whose pages speak French in Paris time; `close()` ends all of it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { smtpMailbox } from './mailbox.ts';
import type { Mailbox } from './mailbox.ts';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';
import { startInbox } from './smtp.ts';
import type { TestInbox } from './smtp.ts';

/** An open suite. */
export interface Suite {
  inbox: TestInbox;
  mailbox: Mailbox;
  server: RunningServer;
  browser: Browser;
  /** A page in a new browser context (its own cookies), closed with the suite. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the inbox, the server (extra settings in `env`) and the browser. */
export async function openSuite(env: Record<string, string> = {}): Promise<Suite> {
  const inbox = await startInbox();
  const server = await startServer({ env: { CARNET_SMTP_URL: inbox.url, ...env } });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    inbox,
    mailbox: smtpMailbox(inbox),
    server,
    browser,
    async newPage() {
      const context = await browser.newContext({
        acceptDownloads: true,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.stop();
      await inbox.close();
    },
  };
}
