/**
 * The ONLYOFFICE / Р7-Офис plugin's panel in a real browser (playwright-core, Debian's chromium):
 * the BUILT plugin folder (dist/onlyoffice/{GUID}, the production bundle) is served as the editor
 * serves it, under sdkjs-plugins/, with a stand-in for the editor's ../v1/plugins.js that hands
 * every callCommand to the fake editor of tests/fakes/onlyoffice-fake.ts in Node: the function's
 * TEXT and Asc.scope as JSON, run in a fresh vm context with only Api and Asc.scope. So this also
 * checks that the minified commands are still self-contained. Walks data → settings → run on the
 * demo region, checks the counts against the engine run here, the sheets written, the command
 * count, the custom functions registered; screenshots; no console error, no request off the machine.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { type BrowserContext, chromium } from 'playwright-core';
import { generateRegion } from '../../examples/demo-region';
import { identify } from '../../shared/method/identify';
import { outputSheets } from '../../shared/report-tables';
import { summarizeRun } from '../../shared/wizard-protocol';
import { RUN_COMMANDS } from '../../onlyoffice/onlyoffice-bridge';
import { FakeEditor } from '../fakes/onlyoffice-fake';
import { chromiumPath, screenshotDir } from '../helpers/deps';

const ROOT = path.join(__dirname, '../..');
const CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, 'onlyoffice/config.json'), 'utf8'));
const FOLDER_NAME = CONFIG.guid.replace(/^asc\./, '');
const DIST = path.join(ROOT, 'dist/onlyoffice', FOLDER_NAME);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png' };

/**
 * The stand-in for the editor's plugins.js (the real one is AGPL and ships with the editor): the
 * Asc.plugin calls the panel makes, each passed to Node as text + JSON, then init() as the editor
 * sends it after loading the frame.
 */
const PLUGINS_JS = `
var busy = false;
function start(what) {
  // The real plugins.js keeps one callback for the call in flight: a second call would take it over.
  if (busy) console.error('plugins.js stand-in: ' + what + ' while another call is in flight');
  busy = true;
}
function answer(cb, r) { busy = false; if (cb) cb(r === '' ? undefined : JSON.parse(r)); }
window.Asc = { scope: {}, plugin: {
  callCommand: function (fn, isClose, isCalc, cb) {
    start('callCommand');
    window.__editorCommand(fn.toString(), JSON.stringify(window.Asc.scope)).then(function (r) { answer(cb, r); });
  },
  executeMethod: function (name, args, cb) {
    start('executeMethod ' + name);
    window.__editorMethod(name, JSON.stringify(args || [])).then(function (r) { answer(cb, r); });
  },
  executeCommand: function () {}
} };
window.addEventListener('load', function () { setTimeout(function () { if (window.Asc.plugin.init) window.Asc.plugin.init(''); }, 0); });
`;

let server: http.Server;
let base = '';
let context: BrowserContext;
let IMG: string;
const offMachine: string[] = [];

function serve(): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (url === '/sdkjs-plugins/v1/plugins.js') { res.writeHead(200, { 'content-type': TYPES['.js'] }); res.end(PLUGINS_JS); return; }
    const prefix = `/sdkjs-plugins/${FOLDER_NAME}/`;
    const file = url.startsWith(prefix) ? path.join(DIST, url.slice(prefix.length)) : '';
    if (!file || !file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'onlyoffice'], { cwd: ROOT, stdio: 'pipe' });
  }
  IMG = screenshotDir();
  server = await serve();
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-chromium-')), {
    executablePath, headless: true, args: FLAGS, viewport: { width: 420, height: 900 }, locale: 'ru-RU',
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => { offMachine.push(route.request().url()); route.fulfill({ status: 404, body: '' }); });
}, 240_000);

afterAll(async () => {
  await context?.close();
  server?.close();
});

describe('the ONLYOFFICE plugin panel', () => {
  it('runs the wizard over the editor’s commands and writes the four sheets', async () => {
    const tables = generateRegion();
    const editor = new FakeEditor({ 'Школы': tables.schools, 'Результаты': tables.results, 'Социальные показатели': tables.social!, 'Настройки': tables.settings! });
    const engine = summarizeRun(identify(tables));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    const commandErrors: string[] = [];
    await page.exposeFunction('__editorCommand', (text: string, scope: string) => {
      try {
        const r = editor.runCommandText(text, scope);
        return r === undefined ? '' : JSON.stringify(r);
      } catch (e) {
        commandErrors.push(String(e));
        return '';
      }
    });
    await page.exposeFunction('__editorMethod', (name: string, args: string) => {
      const r = editor.executeMethod(name, JSON.parse(args));
      return r === undefined ? '' : JSON.stringify(r);
    });
    await page.goto(`${base}/sdkjs-plugins/${FOLDER_NAME}/index.html`);

    // Data: the check read the four sheets through the editor.
    await page.waitForSelector('[data-testid=to-settings]:not([disabled])', { timeout: 60_000 });
    expect((await page.locator('[data-testid=data-summary]').textContent())?.trim()).toBe('Школ: 300. Годы: 2024, 2025. Показателей: 8. Социальных столбцов: 6.');
    await page.waitForSelector('[data-testid=functions-status][data-registered=true]');
    expect(await page.locator('[data-testid=functions-status]').textContent()).toMatch(/Функции листа ШНОР Монитора подключены/);
    expect([...editor.customFunctions.keys()]).toContain('QUALITY_INDEX');
    await page.screenshot({ path: path.join(IMG, 'onlyoffice-panel-1-data.png'), fullPage: true });

    // Settings → run.
    await page.click('[data-testid=to-settings]');
    const before = editor.commands;
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=step-results]', { timeout: 120_000 });
    expect(editor.commands - before).toBe(RUN_COMMANDS);
    expect((await page.locator('[data-testid=count-schools]').textContent())?.trim()).toBe(String(engine.schools));
    expect((await page.locator('[data-testid=count-shnor]').textContent())?.trim()).toBe(String(engine.lists.shnor.length));
    expect((await page.locator('[data-testid=count-shfnsu]').textContent())?.trim()).toBe(String(engine.lists.shfnsu.length));
    for (const sheet of outputSheets(identify(tables))) expect(editor.sheet(sheet.name)).toBeDefined();
    expect(editor.sheet('Идентификация 2025')!.values().length).toBe(304);
    expect(editor.sheet('Идентификация 2025')!.frozenRows).toBe(4);
    expect(editor.sheet('Модель ИСБШ 2025')!.charts.map((c) => c.type)).toEqual(['scatter']);
    await page.screenshot({ path: path.join(IMG, 'onlyoffice-panel-2-results.png'), fullPage: true });

    // The commands the bundle sent name nothing but Api and Asc.scope (they ran in a bare vm).
    expect(commandErrors).toEqual([]);
    for (const c of editor.log) expect(c.text).not.toMatch(/__webpack|require\(/);
    expect(errors).toEqual([]);
    expect(offMachine).toEqual([]);
    await page.close();
  }, 240_000);

  it('with an editor before 8.1 says in Russian that the custom functions need 8.1', async () => {
    // A new workbook has one empty sheet.
    const editor = new FakeEditor({ 'Лист1': [] });
    editor.version = '7.5.1';
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.exposeFunction('__editorCommand', (text: string, scope: string) => { const r = editor.runCommandText(text, scope); return r === undefined ? '' : JSON.stringify(r); });
    await page.exposeFunction('__editorMethod', (name: string, args: string) => { const r = editor.executeMethod(name, JSON.parse(args)); return r === undefined ? '' : JSON.stringify(r); });
    await page.goto(`${base}/sdkjs-plugins/${FOLDER_NAME}/index.html`);
    await page.waitForSelector('[data-testid=functions-status][data-registered=false]');
    expect(await page.locator('[data-testid=functions-status]').textContent()).toMatch(/версии 8\.1 и новее; у вас — 7\.5/);
    // An empty workbook: the wizard offers the templates.
    await page.waitForSelector('[data-testid=create-templates]');
    await page.click('[data-testid=create-templates]');
    await page.waitForSelector('.bar.success');
    expect(editor.sheets.map((s) => s.name)).toEqual(['Лист1', 'Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
    await page.screenshot({ path: path.join(IMG, 'onlyoffice-panel-3-old-editor.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('opened outside the editor, says how to install the plugin', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/v1/plugins.js', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${base}/sdkjs-plugins/${FOLDER_NAME}/index.html`);
    await page.waitForSelector('[data-testid=outside-editor]');
    expect(await page.locator('[data-testid=outside-editor]').textContent()).toMatch(/Установить плагин вручную/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
