/**
 * The built ONLYOFFICE / Р7-Офис plugin (`npm run build` → dist/onlyoffice): the .plugin zip with
 * config.json at its root as the plugin docs require (guid asc.{UUID}, a "cell" panel variation
 * with url index.html, the older isVisual/isModal/isInsideMode flags, icons that exist in the
 * listed sizes), index.html loading the editor's ../v1/plugins.js and nothing from the network,
 * plugins.js not shipped; and the custom-function library: registered through
 * Get/SetCustomFunctions in the fake editor, every function with its JSDoc, computing what is
 * computed here by hand; an editor older than 8.1 gets the Russian message instead.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import JSZip from 'jszip';
import { LIBRARY_GUID, parseVersion, registerCustomFunctions } from '../onlyoffice/register-functions';
import { FakeEditor } from './fakes/onlyoffice-fake';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseExcelFunctions } = require('../onlyoffice/functions/library-code') as { parseExcelFunctions(source: string): { name: string }[] };

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist/onlyoffice');
const ZIP = path.join(DIST, 'shnor.plugin');

/** PNG width and height from the IHDR chunk. */
function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

let zip: JSZip;
let files: string[];
let config: Record<string, any>;
let library = '';

beforeAll(async () => {
  if (!fs.existsSync(ZIP)) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'onlyoffice'], { cwd: ROOT, stdio: 'pipe' });
  }
  zip = await JSZip.loadAsync(fs.readFileSync(ZIP));
  files = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
  config = JSON.parse(await zip.file('config.json')!.async('string'));
  const window: { SHNOR_FUNCTIONS_LIBRARY?: string } = {};
  vm.runInNewContext(await zip.file('functions-library.js')!.async('string'), { window });
  library = window.SHNOR_FUNCTIONS_LIBRARY ?? '';
}, 240_000);

describe('dist/onlyoffice/shnor.plugin', () => {
  it('is a zip with config.json, index.html and the scripts at its root', () => {
    for (const f of ['config.json', 'index.html', 'panel.js', 'functions-library.js']) expect(files).toContain(f);
    // The editor's plugins.js (AGPL-3.0) ships with the editor, never with the plugin.
    expect(files.some((f) => /plugins(-ui)?\.js$/.test(f))).toBe(false);
    // The same files as the folder for a manual copy.
    const folder = path.join(DIST, config.guid.replace(/^asc\./, ''));
    expect(fs.existsSync(path.join(folder, 'config.json'))).toBe(true);
  });

  it('config.json describes a spreadsheet panel plugin as the docs ask', () => {
    expect(config.guid).toMatch(/^asc\.\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(config.name).toBe('ШНОР Монитор');
    expect(config.variations).toHaveLength(1);
    const v = config.variations[0];
    expect(v).toMatchObject({ url: 'index.html', EditorsSupport: ['cell'], type: 'panel', isVisual: true, isModal: false, isInsideMode: true, initDataType: 'none' });
    expect(v.description).toMatch(/ШНОР/);
  });

  it('every icon config.json lists is in the zip, in the size its scale asks for', async () => {
    const v = config.variations[0];
    const base: Record<string, number> = { '100%': 20, '125%': 25, '150%': 30, '175%': 35, '200%': 40 };
    expect(v.icons2.map((i: { style: string }) => i.style)).toEqual(['light', 'dark']);
    for (const set of v.icons2) {
      for (const [scale, size] of Object.entries(base)) {
        const file = set[scale].normal as string;
        expect(files).toContain(file);
        expect(pngSize(await zip.file(file)!.async('nodebuffer'))).toEqual([size, size]);
      }
    }
    const [small, large] = v.icons as string[];
    expect(pngSize(await zip.file(small)!.async('nodebuffer'))).toEqual([40, 40]);
    expect(pngSize(await zip.file(large)!.async('nodebuffer'))).toEqual([80, 80]);
  });

  it('index.html loads the editor’s ../v1/plugins.js first and nothing from the network', async () => {
    const html = await zip.file('index.html')!.async('string');
    const scripts = [...html.matchAll(/<script[^>]*src=["']?([^"' >]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(['../v1/plugins.js', 'functions-library.js', 'panel.js']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('lang=ru');
  });
});

describe('custom functions in the ONLYOFFICE editor', () => {
  it('the library carries the twelve functions of Sheets and Excel with their Russian JSDoc', () => {
    const excel = parseExcelFunctions(fs.readFileSync(path.join(ROOT, 'addin/functions/functions.ts'), 'utf8'));
    const names = ['QUALITY_INDEX', 'QUALITY_SE', 'NOR_GROUP', 'ISBSH', 'ISBSH_GROUP', 'VALUE_ADDED', 'ISBSH_MODEL', 'LOW_RESULTS', 'SCHOOL_CATEGORY', 'OBJECTIVITY_MARKERS', 'COHORT_CHANGE', 'OBJECTIVITY_INDEX'];
    expect(excel.map((f: { name: string }) => f.name)).toEqual(names);
    // The same names as the Sheets functions (gas/main.ts).
    const gas = fs.readFileSync(path.join(ROOT, 'gas/main.ts'), 'utf8');
    for (const n of names) expect(gas).toContain(`global.${n} = function ${n}(`);
    expect((library.match(/@customfunction/g) ?? []).length).toBe(12);
    expect(library).toContain('@param {any[][]} means Средние баллы');
    expect(library).toContain('@param {any} [threshold]');
  });

  it('registers once through Get/SetCustomFunctions, keeping other libraries, and computes as by hand', async () => {
    const editor = new FakeEditor({});
    editor.customFunctionsJson = JSON.stringify({ macrosArray: [{ guid: 'other', name: 'Чужая', value: '(function(){})();' }], current: -1 });
    const report = await registerCustomFunctions(editor.port(), library);
    expect(report.registered).toBe(true);
    expect(report.message).toMatch(/подключены/);
    const saved = JSON.parse(editor.customFunctionsJson);
    expect(saved.macrosArray.map((m: { guid: string }) => m.guid)).toEqual(['other', LIBRARY_GUID]);
    expect([...editor.customFunctions.keys()]).toEqual(['QUALITY_INDEX', 'QUALITY_SE', 'NOR_GROUP', 'ISBSH', 'ISBSH_GROUP', 'VALUE_ADDED', 'ISBSH_MODEL', 'LOW_RESULTS', 'SCHOOL_CATEGORY', 'OBJECTIVITY_MARKERS', 'COHORT_CHANGE', 'OBJECTIVITY_INDEX']);
    const qi = editor.customFunctions.get('QUALITY_INDEX')!;
    expect(qi.jsdoc.description).toMatch(/^Индекс качества[: ]/);
    // Column means 4 and 50: (4/4 + 60/50)/2 = 1.1; 3/4 = 0.75; (5/4 + 40/50)/2 = 1.025.
    const out = qi.fn([[4, 60], [3, ''], [5, 40]]) as number[][];
    expect(out.map((r) => r[0])).toEqual([1.1, 0.75, 1.025].map((x) => expect.closeTo(x, 12)));
    // An omitted optional argument comes as null or undefined; a bad argument gives the Russian message in the cell.
    const cat = editor.customFunctions.get('SCHOOL_CATEGORY')!.fn([[2], [9]], [[2], [2]]) as string[][];
    expect(cat).toEqual([['ШНОР и ШФНСУ'], ['резильентная']]);
    expect(editor.customFunctions.get('LOW_RESULTS')!.fn([[3]], [[10]], null, undefined)).toEqual([[true]]);
    expect(String(editor.customFunctions.get('QUALITY_INDEX')!.fn([['abc']]))).toMatch(/ожидалось число/);
    // A second start changes nothing (same code).
    const calls = editor.methods.filter((m) => m.name === 'SetCustomFunctions').length;
    await registerCustomFunctions(editor.port(), library);
    expect(editor.methods.filter((m) => m.name === 'SetCustomFunctions').length).toBe(calls);
  });

  it('an editor older than 8.1 gets a Russian message and no call it does not have', async () => {
    for (const version of ['7.5.1', '8.0.0', undefined]) {
      const editor = new FakeEditor({});
      editor.version = version;
      const report = await registerCustomFunctions(editor.port(), library);
      expect(report.registered).toBe(false);
      expect(report.message).toMatch(/версии 8\.1 и новее/);
      expect(editor.methods.map((m) => m.name)).toEqual(['GetVersion']);
    }
    expect(parseVersion('8.1.0')).toEqual([8, 1]);
    expect(parseVersion('Р7')).toBeNull();
  });
});
