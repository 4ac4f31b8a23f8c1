/**
 * The offline page dist/shnor.html in a real browser (playwright-core driving Debian's
 * /usr/bin/chromium), opened as a user opens it from a USB stick: file://, no server. Every page
 * counts the requests the browser makes through the DevTools protocol (Network.requestWillBeSent)
 * and Playwright's request events: none but the page file itself (and the blob: URLs of the page's
 * own downloads). The downloaded result workbook is compared cell for cell with the one
 * `shnor identify --format xlsx` writes from the same input. Builds the page when it is missing.
 *
 * Screenshots go to tests/artifacts/ (ignored by git); with SCREENSHOTS=docs (npm run
 * screenshots:offline) they replace docs/img/offline-*.png.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { main } from '../../cli/main';
import { workbookFromTables } from '../../cli/xlsx';
import { identify } from '../../shared/method/identify';
import { isFormulaLike } from '../../shared/text-guard';
import type { RegionTables } from '../../shared/types';
import { checkData, summarizeRun } from '../../shared/wizard-protocol';
import { csvTables } from '../fakes/gas-region';
import { chromiumPath, missingPackages, screenshotDir } from '../helpers/deps';
import { PAYLOADS, fromPayload, hostileTables } from '../helpers/hostile';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { CATEGORY } from '../../shared/messages';

const ROOT = path.join(__dirname, '../..');
const PAGE = path.join(ROOT, 'dist/shnor.html');
const PAGE_URL = `file://${PAGE}`;
const DEMO_XLSX = path.join(ROOT, 'examples/demo-region.xlsx');
const DEMO_CSV = path.join(ROOT, 'examples/demo-region-csv');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const quiet = { stdout: () => undefined, stderr: () => undefined, isTTY: false };

let context: BrowserContext;
let IMG: string;
let TMP: string;

interface Opened {
  page: Page;
  errors: string[];
  /** Every URL the browser requested for this page (DevTools protocol and Playwright, merged). */
  requests: string[];
  downloads: number;
}

async function openPage(): Promise<Opened> {
  const page = await context.newPage();
  const o: Opened = { page, errors: [], requests: [], downloads: 0 };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => o.requests.push(e.request.url));
  page.on('request', (r) => o.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') o.errors.push(m.text()); });
  page.on('pageerror', (e) => o.errors.push(e.message));
  page.on('download', () => { o.downloads++; });
  await page.goto(PAGE_URL);
  return o;
}

/** Requests beyond the page file itself and the page's own blob: downloads: must be none. */
const beyondPage = (o: Opened) => o.requests.filter((u) => u !== PAGE_URL && !u.startsWith('blob:file://'));

async function close(o: Opened): Promise<void> {
  expect(beyondPage(o)).toEqual([]);
  expect(o.requests.filter((u) => u === PAGE_URL).length).toBeGreaterThan(0);
  expect(o.errors).toEqual([]);
  await o.page.close();
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? '';

/** Data → settings → run → results, with the settings the data step found. */
async function runWizard(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=to-settings]:not([disabled])', { timeout: 60_000 });
  await page.click('[data-testid=to-settings]');
  await page.click('[data-testid=run]');
  await page.waitForSelector('[data-testid=step-results]', { timeout: 60_000 });
}

/** Clicks a download button of the page and saves the file; returns its path and suggested name. */
async function download(page: Page, id: string): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`[data-testid=download-${id}]`)]);
  const file = path.join(fs.mkdtempSync(path.join(TMP, 'dl-')), d.suggestedFilename());
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

/** `shnor identify INPUT --format xlsx` run here: the workbook the page must equal. */
async function cliWorkbook(input: string, args: string[] = ['identify']): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(TMP, 'cli-')), 'result.xlsx');
  const argv = args[0] === 'report' ? ['report', input, '--recommendations', out] : ['identify', input, '--format', 'xlsx', '--out', out];
  expect(await main(argv, quiet)).toBe(0);
  return out;
}

/** Every cell of every sheet as «sheet!A1 value numFmt», plus each sheet's merges, views and filter. */
async function cells(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [`sheets ${wb.worksheets.map((ws) => ws.name).join(' | ')}`];
  for (const ws of wb.worksheets) {
    out.push(`${ws.name} merges ${JSON.stringify([...(ws.model.merges ?? [])].sort())} views ${JSON.stringify(ws.views)} filter ${JSON.stringify(ws.autoFilter ?? null)}`);
    out.push(`${ws.name} widths ${JSON.stringify(ws.columns?.map((c) => c.width ?? null) ?? [])}`);
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
      out.push(`${ws.name}!${cell.address} ${JSON.stringify(v)} ${cell.numFmt ?? ''} ${JSON.stringify(cell.fill ?? null)} ${cell.font?.bold ? 'b' : ''}`);
    }));
  }
  return out;
}

async function expectSameWorkbook(page: string, cli: string): Promise<void> {
  const [a, b] = await Promise.all([cells(page), cells(cli)]);
  expect(a.length).toBeGreaterThan(1000);
  // First differing line, readable, before the whole comparison.
  const at = a.findIndex((x, i) => x !== b[i]);
  expect([at, a[at]]).toEqual([at, b[at]]);
  expect(a).toEqual(b);
}

/** The counts the results step shows, against identify() run here in Node on the same tables. */
async function expectEngineCounts(page: Page, tables: RegionTables): Promise<void> {
  const engine = summarizeRun(identify(tables));
  expect(await text(page, '[data-testid=count-schools]')).toBe(String(engine.schools));
  expect(await text(page, '[data-testid=count-shnor]')).toBe(String(engine.lists.shnor.length));
  expect(await text(page, '[data-testid=count-shfnsu]')).toBe(String(engine.lists.shfnsu.length));
  expect(await text(page, '[data-testid=count-resilient]')).toBe(String(engine.lists.resilient.length));
}

/** Windows-1251 bytes of a text (the inverse of TextDecoder('windows-1251') over the 256 bytes). */
function cp1251(textIn: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...decoded].forEach((ch, i) => { if (!table.has(ch)) table.set(ch, i); });
  return Buffer.from([...textIn].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`no Windows-1251 byte for ${JSON.stringify(ch)}`);
    return b;
  }));
}

/**
 * The workbook as LibreOffice saves it (`soffice --convert-to xlsx`, Calc's own writer); fails with
 * the package to install when LibreOffice is missing. (Kept here, not in tests/helpers/libreoffice.ts,
 * which another branch extends with a general converter; either does.)
 */
function saveWithLibreOffice(file: string): string {
  let bin = '';
  try {
    bin = execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    bin = '';
  }
  if (!bin) throw missingPackages('LibreOffice (soffice) is not installed', ['libreoffice-calc-nogui']);
  const work = fs.mkdtempSync(path.join(TMP, 'lo-'));
  execFileSync(bin, [
    `-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--nolockcheck',
    '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'out'), file,
  ], { stdio: 'pipe', timeout: 180_000 });
  const saved = path.join(work, 'out', path.basename(file));
  if (!fs.existsSync(saved)) throw new Error(`LibreOffice did not save ${saved}`);
  return saved;
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!fs.existsSync(PAGE)) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'offline'], { cwd: ROOT, stdio: 'pipe' });
  }
  IMG = screenshotDir();
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-offline-'));
  context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-chromium-')), {
    executablePath, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, locale: 'ru-RU', acceptDownloads: true,
  });
}, 240_000);

afterAll(async () => {
  await context?.close();
});

describe('the offline page file', () => {
  test('is one HTML file: no script, style, font or image from anywhere, a policy that forbids requests, the promise in Russian', () => {
    const html = fs.readFileSync(PAGE, 'utf8');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<img[^>]*\ssrc=["']?(?!data:)/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:|\/\/)/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; [^"]*connect-src 'none'/);
    expect(fs.readdirSync(path.dirname(PAGE)).filter((f) => /^shnor-offline/.test(f))).toEqual([]);
  });
});

describe('the offline page on file://', () => {
  test('demo workbook: the wizard to the end; the result workbook equals `shnor identify --format xlsx` cell for cell; note and recommendations', async () => {
    const o = await openPage();
    const { page } = o;
    expect(await text(page, '[data-testid=privacy]')).toMatch(/ничего не отправляет ни на какой сервер.*данные школ не покидают компьютер/);
    // Everything shown is Russian: no empty sheet view with the browser's own «Details».
    expect(await page.locator('details:visible:not(:has(summary))').count()).toBe(0);
    expect(await page.locator('[data-testid=sheet-view]').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(IMG, 'offline-page-open.png') });
    await page.setInputFiles('[data-testid=pick-book]', DEMO_XLSX);
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])', { timeout: 60_000 });
    expect(await text(page, '[data-testid=opened]')).toBe('Открыто: demo-region.xlsx');
    expect(await text(page, '[data-testid=data-summary]')).toBe('Школ: 300. Годы: 2024, 2025. Показателей: 8. Социальных столбцов: 6.');
    expect(await text(page, '[data-testid=problems]')).toBe('Проблем в данных не найдено.');
    // A read-only host: no imports or templates that would write into the book.
    expect(await page.locator('[data-testid=import], [data-testid=export-import], [data-testid=create-templates]').count()).toBe(0);
    expect(await page.locator('[data-testid^=download-]').count()).toBe(0);
    // Settings: the candidate-factor table, every social column tried (6), the 3 of «Настройки» chosen.
    await page.click('[data-testid=to-settings]');
    await page.click('[data-testid=candidates-run]');
    await page.waitForSelector('[data-testid=candidates] tbody tr');
    expect(await page.locator('[data-testid=candidates] tbody tr').count()).toBe(6);
    expect(await page.locator('[data-testid=factors] input:checked').count()).toBe(3);
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=step-results]', { timeout: 60_000 });
    await expectEngineCounts(page, csvTables(DEMO_CSV));
    // The lists for the order, with each school's reason.
    const shnor = summarizeRun(identify(csvTables(DEMO_CSV))).lists.shnor;
    const reasons = await page.locator('[data-testid=list-shnor] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('title')));
    expect(reasons.sort()).toEqual(shnor.map((e) => e.reason).sort());
    expect(reasons.every((x) => /[А-Яа-я]{4}/.test(x ?? ''))).toBe(true);
    await page.screenshot({ path: path.join(IMG, 'offline-page-results.png') });

    const result = await download(page, 'result');
    expect(result.name).toBe('ШНОР 2025 — результаты идентификации.xlsx');
    await expectSameWorkbook(result.file, await cliWorkbook(DEMO_XLSX));

    const note = await download(page, 'note');
    expect(note.name).toBe('Аналитическая справка 2025.html');
    const html = fs.readFileSync(note.file, 'utf8');
    expect(html).toContain('Аналитическая справка о результатах идентификации ШНОР и ШФНСУ, 2025 год');
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
    const cards = await download(page, 'cards');
    expect(cards.name).toBe('Рекомендации 2025 — карточки школ.html');
    expect(fs.readFileSync(cards.file, 'utf8')).toContain('Адресные рекомендации по итогам идентификации ШНОР и ШФНСУ, 2025 год');
    // The recommendation workbook is the one `shnor report --recommendations` writes.
    const rec = await download(page, 'recommendations');
    await expectSameWorkbook(rec.file, await cliWorkbook(DEMO_XLSX, ['report']));

    // The wizard's own «Сформировать справку» works here too (the bridge's analyticalNote).
    const [wizardNote] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid=note-run]')]);
    expect(wizardNote.suggestedFilename()).toBe('Аналитическая справка 2025.html');

    // A problem's place or an output sheet is shown in the page's sheet view.
    await page.click('[data-testid=done] button:has-text("Перечни 2025")');
    await page.waitForSelector('[data-testid=sheet-view][open] .off-tabs button.active:has-text("Перечни 2025")');
    expect(o.downloads).toBe(5);
    await close(o);
  });

  test('a workbook saved by LibreOffice: the same result as the command line on that file', async () => {
    const saved = saveWithLibreOffice(DEMO_XLSX);
    expect(fs.readFileSync(saved).equals(fs.readFileSync(DEMO_XLSX))).toBe(false);
    const o = await openPage();
    await o.page.setInputFiles('[data-testid=pick-book]', saved);
    await runWizard(o.page);
    await expectEngineCounts(o.page, csvTables(DEMO_CSV));
    const result = await download(o.page, 'result');
    await expectSameWorkbook(result.file, await cliWorkbook(saved));
    await close(o);
  });

  test.each(['ods', 'xls'] as const)('the demo saved by LibreOffice as .%s: counts of `shnor identify --format json` on that file, the result workbook equal to the CLI’s', async (to) => {
    const file = convertWithLibreOffice(DEMO_XLSX, to);
    // `shnor identify FILE --format json`: the counts the page must show.
    const json = path.join(fs.mkdtempSync(path.join(TMP, 'json-')), 'result.json');
    expect(await main(['identify', file, '--format', 'json', '--out', json], quiet)).toBe(0);
    const cli = JSON.parse(fs.readFileSync(json, 'utf8')) as { schools: { category: string | null }[] };
    const count = (...categories: string[]) => String(cli.schools.filter((s) => categories.includes(s.category ?? '')).length);
    const o = await openPage();
    await o.page.setInputFiles('[data-testid=pick-book]', file);
    await o.page.waitForSelector('[data-testid=to-settings]:not([disabled])', { timeout: 60_000 });
    expect(await text(o.page, '[data-testid=opened]')).toBe(`Открыто: demo-region.${to}`);
    expect(await text(o.page, '[data-testid=data-summary]')).toBe('Школ: 300. Годы: 2024, 2025. Показателей: 8. Социальных столбцов: 6.');
    expect(await text(o.page, '[data-testid=problems]')).toBe('Проблем в данных не найдено.');
    await runWizard(o.page);
    expect(await text(o.page, '[data-testid=count-schools]')).toBe(String(cli.schools.length));
    expect(await text(o.page, '[data-testid=count-shnor]')).toBe(count(CATEGORY.lowResults, CATEGORY.both));
    expect(await text(o.page, '[data-testid=count-shfnsu]')).toBe(count(CATEGORY.lowSocial, CATEGORY.both));
    expect(await text(o.page, '[data-testid=count-resilient]')).toBe(count(CATEGORY.resilient));
    expect(Number(count(CATEGORY.lowResults, CATEGORY.both))).toBeGreaterThan(0);
    // The result book: the input grids (no workbook of the .ods/.xls's own) plus the output sheets, as `identify --format xlsx` writes from that file.
    const result = await download(o.page, 'result');
    expect(result.name).toBe('ШНОР 2025 — результаты идентификации.xlsx');
    await expectSameWorkbook(result.file, await cliWorkbook(file));
    expect(o.downloads).toBe(1);
    await close(o);
  });

  test('a CSV folder in UTF-8 (the folder picker) and in Windows-1251 (dropped files): the command line’s result', async () => {
    // UTF-8, as examples/demo-region-csv is.
    const utf = await openPage();
    await utf.page.setInputFiles('[data-testid=pick-folder]', DEMO_CSV);
    await utf.page.waitForSelector('[data-testid=opened]');
    expect(await text(utf.page, '[data-testid=opened]')).toMatch(/^Открыто: 4 файла CSV: /);
    await runWizard(utf.page);
    await expectEngineCounts(utf.page, csvTables(DEMO_CSV));
    await expectSameWorkbook((await download(utf.page, 'result')).file, await cliWorkbook(DEMO_CSV));
    await close(utf);

    // Windows-1251 («CSV (разделители — точка с запятой)»), dropped onto the page.
    const dir = fs.mkdtempSync(path.join(TMP, 'cp1251-'));
    const files = fs.readdirSync(DEMO_CSV).filter((f) => f.endsWith('.csv'));
    for (const f of files) fs.writeFileSync(path.join(dir, f), cp1251(fs.readFileSync(path.join(DEMO_CSV, f), 'utf8').replace(/^\uFEFF/, '')));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(path.join(dir, 'schools.csv')))).toThrow();
    const win = await openPage();
    const payload = files.map((f) => ({ name: f, base64: fs.readFileSync(path.join(dir, f)).toString('base64') }));
    // A string, run in the page (DataTransfer and DragEvent are DOM types the tests do not compile with).
    await win.page.evaluate(`(() => {
      const dt = new DataTransfer();
      for (const f of ${JSON.stringify(payload)}) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await runWizard(win.page);
    await expectEngineCounts(win.page, csvTables(DEMO_CSV));
    await expectSameWorkbook((await download(win.page, 'result')).file, await cliWorkbook(dir));
    await close(win);
  });

  test('a broken workbook: every problem listed in Russian, no way on, nothing downloaded', async () => {
    const tables = csvTables(DEMO_CSV);
    const col = (grid: RegionTables['schools'], title: string) => grid[0].map(String).indexOf(title);
    tables.results[5][col(tables.results, 'Средний балл')] = 'около четырёх';
    tables.results[9][col(tables.results, 'Код ОО')] = '999999';
    tables.results[12][col(tables.results, 'Участников')] = -3;
    tables.schools[3][col(tables.schools, 'Код ОО')] = tables.schools[2][col(tables.schools, 'Код ОО')];
    tables.social![4][1] = 'много';
    const expected = checkData(tables);
    expect(expected.errors).toBeGreaterThanOrEqual(4);
    const file = path.join(fs.mkdtempSync(path.join(TMP, 'broken-')), 'Регион с ошибками.xlsx');
    await workbookFromTables(tables).xlsx.writeFile(file);

    const o = await openPage();
    await o.page.setInputFiles('[data-testid=pick-book]', file);
    await o.page.waitForSelector('[data-testid=problems] ul.problems li');
    const all = o.page.locator('[data-testid=problems] button:has-text("Показать все")');
    if (await all.count()) await all.click();
    const shown = await o.page.locator('[data-testid=problems] ul.problems li').allTextContents();
    const want = [...expected.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).map((p) => p.message);
    expect(shown).toEqual(want);
    for (const m of shown) expect(m).toMatch(/[А-Яа-яЁё]{3}/);
    expect(await o.page.locator('[data-testid=to-settings]').isDisabled()).toBe(true);
    // A problem opens its cell in the sheet view.
    await o.page.locator('[data-testid=problems] ul.problems li.clickable').first().click();
    await o.page.waitForSelector('[data-testid=sheet-view][open] .sel');
    expect(await o.page.locator('[data-testid^=download-]').count()).toBe(0);
    await o.page.screenshot({ path: path.join(IMG, 'offline-page-problems.png') });

    // Not a workbook at all: one Russian line, nothing else.
    const junk = path.join(path.dirname(file), 'не книга.xlsx');
    fs.writeFileSync(junk, 'это не zip');
    await o.page.setInputFiles('[data-testid=pick-book]', junk);
    await o.page.waitForSelector('[data-testid=file-error]');
    expect(await text(o.page, '[data-testid=file-error]')).toMatch(/^Не удалось прочитать книгу «не книга\.xlsx»: файл повреждён или это не книга \.xlsx/);
    // A folder without results.csv.
    await o.page.setInputFiles('[data-testid=pick-files]', [path.join(DEMO_CSV, 'schools.csv')]);
    await o.page.waitForFunction("/нет «results\\.csv»/.test(document.querySelector('[data-testid=file-error]')?.textContent ?? '')");
    expect(o.downloads).toBe(0);
    await close(o);
  });

  test('text from the data never becomes a formula in the downloaded workbook', async () => {
    const file = path.join(fs.mkdtempSync(path.join(TMP, 'hostile-')), 'hostile.xlsx');
    await workbookFromTables(hostileTables(csvTables(DEMO_CSV))).xlsx.writeFile(file);
    const o = await openPage();
    await o.page.setInputFiles('[data-testid=pick-book]', file);
    await runWizard(o.page);
    const result = await download(o.page, 'result');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.file);
    const formulas: string[] = [];
    const unguarded: string[] = [];
    const texts = new Set<string>();
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (v && typeof v === 'object' && 'formula' in (v as object) && fromPayload(String((v as { formula: string }).formula))) formulas.push(`${ws.name}!${cell.address}`);
        if (!isFormulaLike(v)) return;
        texts.add(v);
        if (cell.numFmt !== '@') unguarded.push(`${ws.name}!${cell.address}`);
      }));
    }
    expect(formulas).toEqual([]);
    expect(unguarded).toEqual([]);
    for (const p of PAYLOADS) expect(texts).toContain(p);
    expect(wb.worksheets.map((ws) => ws.name)).toContain('Идентификация 2025');
    await expectSameWorkbook(result.file, await cliWorkbook(file));
    await close(o);
  });
});
