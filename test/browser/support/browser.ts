import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with a fresh profile (playwright makes a new user-data-dir per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** Why the suite cannot run, or null. Missing Chromium skips locally but fails in CI. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}

const pageErrors = new WeakMap<Page, string[]>();
/** Uncaught errors the page's scripts threw (a test ends by checking there were none). */
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

export interface OpenOptions {
  /** A bearer token placed in sessionStorage as if pasted; none: signed out. */
  token?: string;
  lang?: 'en' | 'id';
  width?: number;
}

/** A page in its own browser context (its own sessionStorage), signed in with `token`. */
export async function openPage(
  browser: Browser,
  url: string,
  options: OpenOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.addInitScript(
    ([token, lang]) => {
      if (token && !sessionStorage.getItem('kawasan.token'))
        sessionStorage.setItem('kawasan.token', token);
      if (!localStorage.getItem('kawasan.lang')) localStorage.setItem('kawasan.lang', lang);
    },
    [options.token ?? '', options.lang ?? 'en'] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(import.meta.dirname, '..', '..', '..', 'test-output', 'screenshots', name);
  await mkdir(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
