/**
 * The built Sidebar.html in headless Chromium, 300 px wide as the Sheets sidebar is, with a
 * google.script.run that calls the server functions of the built Code.js (in a Node vm context over
 * the fake spreadsheet holding the demo region): the shared wizard walks data → settings → run →
 * results through the Sheets bridge, and the output sheets appear in the fake spreadsheet.
 *
 * With SCREENSHOTS=docs (npm run screenshots:sheets) the steps are also saved as the pictures of docs/ru/sheets.md (docs/img/sheets-wizard-*.png).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { GAS_DIST, loadBundle } from './fakes/gas-fakes';
import { csvTables, regionWorld } from './fakes/gas-region';
import { chromiumPath, screenshotDir } from './helpers/deps';

const ROOT = path.join(__dirname, '..');
const SIDEBAR_URL = 'https://sidebar.script.googleusercontent.test/';

const world = regionWorld(csvTables(path.join(ROOT, 'examples', 'demo-region-csv')));
const ctx = loadBundle(world.globals);
const serverCalls: string[] = [];

let browser: BrowserContext;
let page: Page;
let profile: string;
let SHOTS: string;

/** google.script.run in the page: each call crosses to Node as JSON and answers asynchronously. */
function installScriptRun(): void {
  type Handler = ((v: unknown) => void) | null;
  const w = (globalThis as unknown) as { __gas: (name: string, args: string) => Promise<{ ok?: string; error?: string }>; google: unknown };
  const runner = (ok: Handler, fail: Handler): unknown => new Proxy({}, {
    get(_t, prop: string) {
      if (prop === 'withSuccessHandler') return (f: Handler) => runner(f, fail);
      if (prop === 'withFailureHandler') return (f: Handler) => runner(ok, f);
      return (...args: unknown[]) => {
        void w.__gas(prop, JSON.stringify(args)).then((r) => {
          if (r.error !== undefined) fail?.(new Error(r.error));
          else ok?.(r.ok === undefined ? undefined : JSON.parse(r.ok));
        });
      };
    },
  });
  w.google = { script: { run: runner(null, null), host: { close: () => undefined } } };
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-sidebar-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 300, height: 640 },
    deviceScaleFactor: 2,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.exposeFunction('__gas', (name: string, args: string) => {
    serverCalls.push(name);
    try {
      const result = (ctx[name] as (...a: unknown[]) => unknown)(...JSON.parse(args));
      return { ok: result === undefined ? undefined : JSON.stringify(result) };
    } catch (e) {
      return { error: `Error: ${(e as Error).message}` };
    }
  });
  await page.addInitScript(installScriptRun);
  // Served from a URL (init scripts run on navigation, not on setContent); nothing else is reachable.
  const html = fs.readFileSync(path.join(GAS_DIST, 'Sidebar.html'), 'utf8');
  await page.route('**/*', (route) => (route.request().url() === SIDEBAR_URL
    ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    : route.abort()));
  await page.goto(SIDEBAR_URL);
  SHOTS = screenshotDir();
}, 60000);

afterAll(async () => {
  await browser?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** A picture of the sidebar: the whole page, or its top `height` pixels. */
async function shot(name: string, height?: number): Promise<void> {
  const file = path.join(SHOTS, name);
  if (height) await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 300, height } });
  else await page.screenshot({ path: file, fullPage: true });
}

test('the data step shows what the sheets hold', async () => {
  await page.waitForSelector('[data-testid=data-summary]', { timeout: 30000 });
  expect(await page.textContent('[data-testid=data-summary]')).toContain('Школ: 300.');
  expect(serverCalls).toEqual(expect.arrayContaining(['shnorWizardCheckData', 'shnorWizardLoadSettings']));
  await shot('sheets-wizard-data.png');
});

test('settings, run with progress, results: the year\'s sheets are written', async () => {
  await page.click('[data-testid=to-settings]');
  await page.waitForSelector('[data-testid=step-settings]');
  await shot('sheets-wizard-settings.png', 900);
  await page.click('[data-testid=run]');
  await page.waitForSelector('[data-testid=done]', { timeout: 60000 });
  expect(serverCalls).toContain('shnorWizardRun');
  expect(await page.textContent('[data-testid=done]')).toContain('Идентификация 2025');
  expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025']));
  expect(await page.locator('[data-testid=points] circle').count()).toBeGreaterThan(250);
  await shot('sheets-wizard-results.png', 1130);
}, 90000);

test('a link to a sheet selects it in the spreadsheet', async () => {
  await page.click('[data-testid=done] button.link >> nth=1');
  await page.waitForFunction(() => true);
  await new Promise((r) => setTimeout(r, 200));
  expect(world.spreadsheet.active).toEqual({ sheet: 'Модель ИСБШ 2025', a1: 'A1' });
});
