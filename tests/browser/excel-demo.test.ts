/**
 * The task pane in demo mode in a real browser (playwright-core driving Debian's /usr/bin/chromium):
 * walks the wizard to the end on the demo region, checks every number it shows against the engine
 * run here in Node on the same data, takes the screenshots the user guide uses, and fails on any
 * console error. Serves the built dist/addin (builds it when missing).
 *
 * Screenshots go to tests/artifacts/ (ignored by git); with SCREENSHOTS=docs (npm run
 * screenshots:excel) they replace the ones in docs/img/.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { generateRegion } from '../../examples/demo-region';
import { identify } from '../../shared/method/identify';
import { CATEGORY_ORDER, categoryName, fmt } from '../../shared/messages';
import { summarizeRun } from '../../shared/wizard-protocol';
import { PROGRAMME_TEMPLATES } from '../../wizard/bridge';
import { programmeTemplate } from '../../wizard/core';
import { chromiumPath, screenshotDir } from '../helpers/deps';

const ROOT = path.join(__dirname, '../..');
const DIST = path.join(ROOT, 'dist/addin');
const OFFICE_JS = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml' };

let server: http.Server;
let base = '';
let context: BrowserContext;
let IMG: string;

function serve(dir: string): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

/** A page that records console errors and uncaught exceptions. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? '';

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!fs.existsSync(path.join(DIST, 'demo.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'addin'], { cwd: ROOT, stdio: 'pipe' });
  }
  IMG = screenshotDir();
  server = await serve(DIST);
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-chromium-')), {
    executablePath, headless: true, args: FLAGS, viewport: { width: 1280, height: 860 }, locale: 'ru-RU',
  });
  // Nothing leaves the machine: other hosts (office.js telemetry) get an empty page. Registered
  // first because Playwright tries the most recently registered route first.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }));
  // office.js from Microsoft's CDN is unreachable here: serve the npm copy instead.
  await context.route('https://appsforoffice.microsoft.com/lib/1/hosted/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace('/lib/1/hosted/', '');
    const file = path.join(OFFICE_JS, rel.toLowerCase().startsWith('ru-ru/') ? rel.toLowerCase() : rel);
    if (fs.existsSync(file)) route.fulfill({ path: file, contentType: TYPES[path.extname(file)] ?? 'text/javascript' });
    else route.fulfill({ status: 404, body: '' });
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  server?.close();
});

describe('the task pane in demo mode', () => {
  const engine = summarizeRun(identify(generateRegion()));

  it('walks data → settings → run → results and shows the engine’s numbers', async () => {
    const { page, errors } = await open(`${base}/demo.html?delay=700`);
    const pane = page.locator('[data-testid=taskpane]');

    // 1. Data
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])');
    expect(await text(page, '[data-testid=data-summary]')).toBe('Школ: 300. Годы: 2024, 2025. Показателей: 8. Социальных столбцов: 6.');
    expect(await text(page, '[data-testid=problems]')).toBe('Проблем в данных не найдено.');
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-1-data.png') });

    // 2. Settings, with the candidate-factor table
    await page.click('[data-testid=to-settings]');
    await page.click('[data-testid=candidates-run]');
    await page.waitForSelector('[data-testid=candidates] tbody tr');
    expect(await page.locator('[data-testid=candidates] tbody tr').count()).toBe(6);
    expect(await page.locator('[data-testid=factors] input:checked').count()).toBe(3);
    await page.locator('[data-testid=factors]').scrollIntoViewIfNeeded();
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-2-settings.png') });

    // 3. Run, with progress
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=step-run] progress');
    await page.waitForFunction("(document.querySelector('[data-testid=step-run] progress') || { value: 1 }).value >= 0.3");
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-3-run.png') });

    // 4. Results: every number against the engine run in Node
    await page.waitForSelector('[data-testid=step-results]', { timeout: 60_000 });
    expect(await text(page, '[data-testid=count-schools]')).toBe(String(engine.schools));
    expect(await text(page, '[data-testid=count-shnor]')).toBe(String(engine.lists.shnor.length));
    expect(await text(page, '[data-testid=count-shfnsu]')).toBe(String(engine.lists.shfnsu.length));
    expect(await text(page, '[data-testid=count-resilient]')).toBe(String(engine.lists.resilient.length));
    for (const c of CATEGORY_ORDER) {
      const want = engine.byCategory.find((x) => x.category === c)!.count;
      expect([c, await text(page, `[data-testid=categories] td[data-category="${c}"]`)]).toEqual([c, String(want)]);
    }
    // «без категории» too: with it the rows add up to the schools of the run.
    expect(engine.noCategory).toBeGreaterThan(0);
    expect(await text(page, '[data-testid=categories] td[data-category=""]')).toBe(String(engine.noCategory));
    expect(engine.byCategory.reduce((a, x) => a + x.count, 0) + engine.noCategory).toBe(engine.schools);
    expect(await text(page, '[data-testid=model-r2]')).toBe(fmt(engine.model!.r2, 3));
    expect(await text(page, '[data-testid=model-n]')).toBe(String(engine.model!.n));
    expect(await page.locator('[data-testid=scatter] circle').count()).toBe(engine.points.length);
    expect(await page.locator('[data-testid=municipalities] tbody tr').count()).toBe(engine.municipalities.length);
    const shown = await page.locator('[data-testid=list-shnor] tbody tr .muted').allTextContents();
    expect(shown.map((s) => s.split(' · ')[0]).sort()).toEqual(engine.lists.shnor.slice(0, 200).map((e) => e.code).sort());
    expect(await text(page, '[data-testid=done]')).toContain('Идентификация за 2025 год выполнена (сравнение с 2024 годом)');
    await page.screenshot({ path: path.join(IMG, 'excel-wizard-4-results.png') });
    await page.locator('[data-testid=scatter]').scrollIntoViewIfNeeded();
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-5-chart.png') });

    // The output sheets are in the (in-memory) workbook; a link opens one.
    await page.click('[data-testid=done] button:has-text("Перечни 2025")');
    await page.waitForSelector('.demo-tabs button.active:has-text("Перечни 2025")');
    expect(await page.locator('.demo-tabs button').allTextContents()).toEqual([
      'Школы', 'Результаты', 'Социальные показатели', 'Настройки', 'Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025', 'Объективность 2025',
    ]);
    // «Качество модели» on the model sheet has its own formats: n (the schools in the fit) is a whole
    // number under a 0.00000 column, the adjusted R² has three decimals.
    await page.click('.demo-tabs button:has-text("Модель ИСБШ 2025")');
    await page.waitForSelector('.demo-tabs button.active:has-text("Модель ИСБШ 2025")');
    const qualityHeader = page.locator('[data-testid=sheet-view] tbody tr', { has: page.locator('td', { hasText: /^Число школ \(n\)$/ }) });
    const quality = await qualityHeader.locator('xpath=following-sibling::tr[1]/td').allTextContents();
    expect(quality.slice(1, 3)).toEqual([fmt(engine.model!.adjR2, 3), String(engine.model!.n)]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('on an empty workbook offers the templates and creates them', async () => {
    const { page, errors } = await open(`${base}/demo.html?empty=1&delay=0`);
    await page.waitForSelector('[data-testid=create-templates]');
    expect(await page.locator('[data-testid=to-settings]').isDisabled()).toBe(true);
    await page.click('[data-testid=create-templates]');
    await page.waitForSelector('.bar.success');
    expect(await text(page, '.bar.success')).toContain('Добавлены листы: «Школы», «Результаты», «Социальные показатели», «Настройки»');
    expect(await page.locator('.demo-tabs button').allTextContents()).toEqual(['Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports results from another sheet by mapping its columns', async () => {
    const { page, errors } = await open(`${base}/demo.html?empty=1&sample=import&delay=0`);
    await page.waitForSelector('[data-testid=create-templates]');
    await page.click('[data-testid=import] summary');
    await page.waitForSelector('[data-testid=import-run]');
    // Guessed from the titles: Логин ОО → Код ОО, Предмет, Участников, Средний балл, Не справились.
    expect(await page.locator('select[data-target="Код ОО"]').inputValue()).toBe('0');
    expect(await page.locator('select[data-target="Средний балл"]').inputValue()).toBe('3');
    await page.fill('input[data-constant="Год"]', '2026');
    await page.fill('input[data-constant="Процедура"]', 'ОГЭ');
    await page.fill('input[data-constant="Класс"]', '9');
    await page.click('[data-testid=import-run]');
    await page.waitForSelector('.bar.success');
    expect(await text(page, '.bar.success')).toBe('Добавлено строк в «Результаты»: 3; пропущено: 0.');
    expect(await page.locator('.demo-tabs button').allTextContents()).toEqual(['Выгрузка ОГЭ', 'Результаты']);
    // «Результаты» was created from the template (notes + header) and holds the three rows.
    expect(await page.locator('[data-testid=sheets] tbody tr').first().textContent()).toBe('Школынет0');
    expect(await page.locator('[data-testid=sheets] tbody tr').nth(1).textContent()).toBe('Результатыда5');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('after the run: the analytical note, a programme template; on the data step: a ВПР export', async () => {
    const { page, errors } = await open(`${base}/demo.html?sample=export&delay=0`);
    const pane = page.locator('[data-testid=taskpane]');
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])');
    await page.click('[data-testid=to-settings]');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=step-results]', { timeout: 60_000 });

    // 1. The note: downloaded as one HTML file with its charts and the engine's category counts.
    expect(await page.locator('[data-testid=note-cards]').isChecked()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid=note-run]')]);
    expect(download.suggestedFilename()).toBe('Аналитическая справка 2025.html');
    const html = fs.readFileSync((await download.path())!, 'utf8');
    await page.waitForSelector('[data-testid=note-ready]');
    expect(await page.locator('[data-testid=note-open]').getAttribute('href')).toMatch(/^blob:/);
    expect(await page.locator('[data-testid=note-download]').getAttribute('download')).toBe('Аналитическая справка 2025.html');
    const note = await context.newPage();
    await note.setContent(html);
    expect(await note.title()).toBe('Аналитическая справка о результатах идентификации ШНОР и ШФНСУ, 2025 год');
    // Charts: categories, quality index against ИСБШ, the funnel, municipalities — inline SVG with marks drawn.
    const charts = await note.locator('figure svg').count();
    expect(charts).toBeGreaterThanOrEqual(4);
    expect(await note.locator('figure svg circle').count()).toBeGreaterThanOrEqual(engine.points.length);
    const rows = await note.locator('#categories table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent!.trim())));
    for (const c of CATEGORY_ORDER) {
      const want = engine.byCategory.find((x) => x.category === c)!.count;
      expect([c, rows.find((r) => r[0] === categoryName(c))?.[1]]).toEqual([c, String(want)]);
    }
    expect(await note.locator('#annex-cards').count()).toBe(1);
    await note.close();

    // 2. «Целевые показатели программы»: new sheet tabs, the first one shown.
    const sheetsBefore = await page.locator('.demo-tabs button').allTextContents();
    const kind = PROGRAMME_TEMPLATES.find((t) => t.title === 'Целевые показатели программы')!.kind;
    const expected = programmeTemplate(kind, generateRegion(), {}).sheets.map((x) => x.name);
    await page.click(`button[data-template=${kind}]`);
    await page.waitForSelector('[data-testid=template-report]');
    expect(await text(page, '[data-testid=template-report]')).toContain('«Целевые показатели программы»: добавлены листы');
    expect(await page.locator('.demo-tabs button').allTextContents()).toEqual([...sheetsBefore, ...expected]);
    expect(await text(page, '.demo-tabs button.active')).toBe(expected[0]);
    await page.locator('[data-testid=documents]').scrollIntoViewIfNeeded();
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-6-documents.png') });

    // 3. The ВПР export sheet: preview writes nothing, then the import appends the rows.
    const h = generateRegion().results;
    const head = h[0] as string[];
    const vprRows = h.slice(1).filter((r) => r[head.indexOf('Год')] === 2025 && r[head.indexOf('Процедура')] === 'ВПР' && String(r[head.indexOf('Класс')]) === '4' && r[head.indexOf('Предмет')] === 'Математика').length;
    await page.click('text=Новая проверка данных');
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])');
    await page.click('[data-testid=export-import] summary');
    await page.waitForSelector('[data-testid=export-sheet]');
    expect(await page.locator('[data-testid=export-sheet]').inputValue()).toBe('ВПР 4 математика');
    expect(await page.locator('[data-testid=export-run]').isDisabled()).toBe(true);
    await page.click('[data-testid=export-preview]');
    await page.waitForSelector('[data-testid=export-summary]');
    expect(await text(page, '[data-testid=export-summary]')).toBe(`Проверка: будет добавлено строк на лист «Результаты» — ${vprRows}. Книга не изменена.`);
    const report = await text(page, '[data-testid=export-report]');
    expect(report).toContain('по наименованию в муниципалитете — 1');
    expect(report).toMatch(/код «sch999777».*школа не найдена на листе «Школы»/);
    expect(await text(page, '[data-testid=data-summary]')).toContain('Годы: 2024, 2025.');
    await pane.screenshot({ path: path.join(IMG, 'excel-wizard-7-export.png') });
    await page.click('[data-testid=export-run]');
    await page.waitForSelector('[data-testid=export-summary]:has-text("Импорт выполнен")');
    expect(await text(page, '[data-testid=export-summary]')).toBe(`Импорт выполнен: добавлено строк на лист «Результаты» — ${vprRows}.`);
    expect(await text(page, '[data-testid=data-summary]')).toContain('Годы: 2024, 2025, 2026.');
    expect(await text(page, '[data-testid=problems]')).toBe('Проблем в данных не найдено.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('on the data step: a per-pupil ВПР report fills the rows the demo has (none added), «Импортировать» after the check', async () => {
    const { page, errors } = await open(`${base}/demo.html?sample=pupils&delay=0`);
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])');
    await page.click('[data-testid=export-import] summary');
    await page.waitForSelector('[data-testid=export-sheet]');
    await page.selectOption('[data-testid=export-kind]', 'vpr-pupils');
    await page.selectOption('[data-testid=export-sheet]', 'ВПР 4 математика ученики');
    expect(await page.locator('[data-testid=export-mapping]').isDisabled()).toBe(true);
    await page.click('[data-testid=export-preview]');
    await page.waitForSelector('[data-testid=export-summary]');
    // The demo's ВПР rows have the per-pupil columns already; the import fills their blank «Средний балл».
    const summary = await text(page, '[data-testid=export-summary]');
    expect(summary).toMatch(/^Проверка: будет добавлено строк на лист «Результаты» — 0, дополнено — (\d+)\. Книга не изменена\.$/);
    const filled = Number(/дополнено — (\d+)/.exec(summary)![1]);
    expect(filled).toBeGreaterThan(2);
    expect(await text(page, '[data-testid=export-report]')).toContain('Строки учеников в книгу не записываются');
    expect(await page.locator('[data-testid=export-run]').isDisabled()).toBe(false);
    await page.click('[data-testid=export-run]');
    await page.waitForSelector('[data-testid=export-summary]:has-text("Импорт выполнен")');
    expect(await text(page, '[data-testid=export-summary]')).toBe(`Импорт выполнен: добавлено строк на лист «Результаты» — 0, дополнено — ${filled}.`);
    expect(await text(page, '[data-testid=problems]')).toBe('Проблем в данных не найдено.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('taskpane.html outside Excel loads office.js and says where to open it', async () => {
    const { page, errors } = await open(`${base}/taskpane.html`);
    await page.waitForSelector('[data-testid=outside-excel]', { timeout: 30_000 });
    expect(await text(page, '[data-testid=outside-excel] p')).toContain('Откройте её в Excel');
    expect(await page.evaluate('typeof (window.CustomFunctions && window.CustomFunctions.associate)')).toBe('function');
    expect(errors).toEqual([]);
    await page.close();
  });
});
