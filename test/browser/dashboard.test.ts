import t, { type Test } from 'tap';
import type { Browser, Page } from 'playwright-core';
import { client } from '../e2e/support/client.js';
import { startStack, TOKENS } from '../e2e/support/stack.js';
import {
  browserMissing,
  errorsOf,
  launchBrowser,
  openPage,
  screenshot,
  type OpenOptions,
} from './support/browser.js';

type Open = (path: string, options?: OpenOptions) => Promise<Page>;

// The dashboard in headless Chromium against both services as processes, with the demo data.
const missing = browserMissing();
if (missing) t.plan(0, missing);
else await suite();

async function suite() {
  const stack = await startStack({ dataDir: t.testdir(), seedDemo: true });
  t.teardown(() => stack.stop());
  const api = client(stack);
  await api.get(`/projects?minPosition=${await stack.storeHead()}`);
  const browser: Browser = await launchBrowser();
  t.teardown(() => browser.close());
  const url = (path = '/') => `${stack.queryUrl}${path}`;

  /** A test with its own pages, closed at its end, which must have thrown no script errors. */
  const browse = (name: string, body: (t: Test, open: Open) => Promise<void>) =>
    t.test(name, async (t) => {
      const pages: Page[] = [];
      try {
        await body(t, async (at, options) => {
          const page = await openPage(browser, url(at), options);
          pages.push(page);
          return page;
        });
      } finally {
        for (const page of pages) {
          t.same(errorsOf(page), [], 'no script errors on the page');
          await page.context().close();
        }
      }
    });

  const rowHealth = (page: Page) =>
    page.$$eval('table.projects tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-project'), r.getAttribute('data-health')]),
    );

  browse('sign in; the portfolio lists the five demo projects, worst first', async (t, open) => {
    const page = await open('/');
    t.equal(await page.locator('main').innerText(), 'Sign in to see the projects.');
    await page.getByLabel('Bearer token').fill(TOKENS.viewer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('table.projects tbody tr');
    t.match(await page.locator('#who').innerText(), /e2e-viewer \(viewer\)/);
    t.same(
      Object.fromEntries(await rowHealth(page)),
      {
        'blt-ki': 'overdue',
        'ksb-ki': 'overdue',
        'kaltim-anhui': 'overdue',
        'btg-acemed': 'overdue',
        'pgk-kek': 'on_track',
      },
      'each project with the health the API gives it',
    );
    t.equal((await rowHealth(page)).at(-1)?.[0], 'pgk-kek', 'the healthy project comes last');
    t.equal(await page.locator('[data-count=overdue] .count-n').innerText(), '4');
    t.equal(await page.locator('[data-count=on_track] .count-n').innerText(), '1');
    t.match(
      await page.locator('tr[data-project=pgk-kek] [data-health]').innerText(),
      'On track',
      'health is a word too, not only a colour',
    );
    t.match(await page.locator('.totals').innerText(), /USD 100 million committed/);
    t.match(await page.locator('.totals').innerText(), /IDR 1\.6–1\.7 trillion committed/);
    t.equal(
      await page.getByRole('button', { name: 'Register project' }).count(),
      0,
      'a viewer gets no forms',
    );
    await screenshot(page, 'portfolio.png');
  });

  browse('filters by province, kept in the URL', async (t, open) => {
    const page = await open('/', { token: TOKENS.viewer });
    await page.waitForSelector('table.projects tbody tr');
    await page.getByLabel('Province').selectOption('Kepulauan Bangka Belitung');
    await page.waitForFunction(
      () => document.querySelectorAll('table.projects tbody tr').length === 2,
    );
    t.same((await rowHealth(page)).map(([id]) => id).sort(), ['blt-ki', 'pgk-kek']);
    t.match(page.url(), /province=Kepulauan\+Bangka\+Belitung/);
    await page.reload();
    await page.waitForSelector('table.projects tbody tr');
    t.equal(await page.getByLabel('Province').inputValue(), 'Kepulauan Bangka Belitung');
    t.equal(
      await page.locator('table.projects tbody tr').count(),
      2,
      'the filter survives a reload',
    );
  });

  browse('a project page draws one timeline row per milestone', async (t, open) => {
    const view = await api.get('/projects/ksb-ki');
    const page = await open('/?project=ksb-ki', { token: TOKENS.auditor });
    await page.waitForSelector('svg.timeline');
    t.equal(
      await page.locator('svg.timeline g[data-milestone]').count(),
      view.body.milestones.length,
    );
    t.ok(view.body.milestones.length >= 5);
    const smelter = page.locator('svg.timeline g[data-milestone=smelter-cc]');
    t.equal(await smelter.getAttribute('data-baseline'), '2022');
    t.equal(await smelter.getAttribute('data-target'), '2024');
    t.equal(await smelter.locator('.tl-drift').count(), 1, 'the drift is drawn');
    t.equal(await page.locator('svg .tl-today').count(), 1, "today's line");
    t.match(
      await page.locator('.reasons').innerText(),
      /Smelter construction completed was due by 31 Dec 2024\./,
    );
    t.ok(await page.locator('table.history tbody tr').count(), 'an auditor sees the history');
    await screenshot(page, 'project-ksb-ki.png');
  });

  browse('achieved through the form: shown at once, and live on a second page', async (t, open) => {
    const manager = await open('/?project=blt-ki', { token: TOKENS.manager });
    const watcher = await open('/?project=blt-ki', { token: TOKENS.viewer });
    await watcher.waitForSelector('#live-state.live-live');
    await watcher.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await manager.locator('tr[data-milestone=blt-fs] button[data-action=achieve]').click();
    const dialog = manager.locator('dialog[open]');
    await dialog.getByLabel('Date').fill('Kamis (15/1/2026)');
    await t.resolves(dialog.locator('output.preview', { hasText: '15 Jan 2026, WIB' }).waitFor());
    await dialog.getByRole('button', { name: 'Save' }).click();
    await manager.waitForSelector('dialog[open]', { state: 'detached' });
    await manager.waitForSelector('tr[data-milestone=blt-fs] .ms-achieved');
    t.equal(await manager.locator('svg g[data-milestone=blt-fs] .tl-achieved').count(), 1);

    await watcher.waitForSelector('tr[data-milestone=blt-fs] .ms-achieved', { timeout: 10_000 });
    t.equal(await watcher.locator('svg g[data-milestone=blt-fs] .tl-achieved').count(), 1);
    t.equal(
      await watcher.evaluate(() => (window as unknown as { marker: number }).marker),
      42,
      'the second page was updated without a reload',
    );
  });

  browse('a bad date is shown next to its field and nothing is written', async (t, open) => {
    const page = await open('/?project=blt-ki', { token: TOKENS.manager });
    await page.locator('tr[data-milestone=blt-land] button[data-action=achieve]').click();
    const dialog = page.locator('dialog[open]');
    const date = dialog.getByLabel('Date');
    await date.fill('Jumat (4/12/2025)');
    await dialog.locator('output.preview-bad').waitFor();
    const head = await stack.storeHead();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const error = dialog.locator('[data-error-for=on]');
    await error.filter({ hasText: 'Thursday' }).waitFor();
    t.match(await error.innerText(), /the input says Jumat but 4 Dec 2025 is a Thursday/);
    t.equal(await date.getAttribute('aria-invalid'), 'true');
    t.match(
      await date.getAttribute('aria-describedby'),
      (await error.getAttribute('id'))!,
      'the field points at its error',
    );
    t.equal(await stack.storeHead(), head, 'the store head did not move');
  });

  browse('switching language changes the labels', async (t, open) => {
    const page = await open('/', { token: TOKENS.viewer });
    await page.waitForSelector('table.projects tbody tr');
    t.equal(await page.locator('label[for=filter-province]').innerText(), 'Province');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    t.equal(await page.locator('label[for=filter-province]').innerText(), 'Provinsi');
    t.equal(await page.locator('html').getAttribute('lang'), 'id');
    const kaltim = page.locator('tr[data-project=kaltim-anhui]');
    t.match(await kaltim.innerText(), /Kerja sama daerah/, 'kind label from the domain');
    t.match(await kaltim.innerText(), /Terlambat/, 'health label in Indonesian');
    t.match(await kaltim.innerText(), /Kesepakatan/, 'stage label in Indonesian');
    t.match(await kaltim.innerText(), /Perjanjian Kerja Sama \(MoA\)/, 'milestone type label');
    await page.getByRole('button', { name: 'English' }).click();
    t.match(await kaltim.innerText(), /Overdue/);
    t.match(await kaltim.innerText(), /Cooperation agreement \(MoA\) signed/);
  });

  browse('"known at" before a reschedule shows the old target', async (t, open) => {
    const planned = await api.post('/projects/pgk-kek/milestones', {
      milestoneId: 'pgk-mp',
      type: 'masterplan',
      target: 'triwulan ketiga 2027',
    });
    t.equal(planned.status, 201);
    // datetime-local has whole seconds: keep each write in its own second.
    await new Promise((r) => setTimeout(r, 1100));
    const before = new Date(Math.floor(Date.now() / 1000) * 1000);
    await new Promise((r) => setTimeout(r, 1100));
    const moved = await api.post('/projects/pgk-kek/milestones/pgk-mp/reschedule', {
      target: 'Q1 2028',
      reasonCode: 'financing',
    });
    t.equal(moved.status, 201);

    const page = await open('/?project=pgk-kek', { token: TOKENS.auditor });
    const row = page.locator('svg.timeline g[data-milestone=pgk-mp]');
    await row.waitFor();
    t.equal(await row.getAttribute('data-target'), '2028-Q1', 'now: the new target');

    await page.getByText('Time travel').click();
    // Typed in the project's zone (WIB, UTC+7), as the hint says.
    const wib = new Date(before.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
    await page.getByLabel('Known at').fill(wib);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForSelector('.past-note');
    await page.waitForFunction(
      () =>
        document
          .querySelector('svg.timeline g[data-milestone=pgk-mp]')
          ?.getAttribute('data-target') === '2027-Q3',
    );
    t.match(page.url(), /knownAt=/, 'the time travel is in the URL');
    t.match(await page.locator('tr[data-milestone=pgk-mp]').innerText(), /Q3 2027/);
    t.equal(await page.locator('#live-state').innerText(), 'Paused (past view)');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('svg.timeline g[data-milestone=pgk-mp]')
          ?.getAttribute('data-target') === '2028-Q1',
    );
  });

  browse('works at 360 px wide', async (t, open) => {
    const page = await open('/?project=btg-acemed', { token: TOKENS.viewer, width: 360 });
    await page.waitForSelector('svg.timeline');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    t.equal(overflow, 0, 'nothing scrolls sideways');
    await screenshot(page, 'project-btg-acemed-360.png');
  });
}
