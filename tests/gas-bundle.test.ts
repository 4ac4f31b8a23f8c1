/**
 * The built Apps Script project (dist/gas) is what clasp pushes: the top-level functions Apps Script
 * needs, with their JSDoc, no module syntax, the HTML files, a manifest with the minimal scopes,
 * and a Code.js small enough to load fast on every custom function call.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GAS_DIST, bundlePath, gasWorld, loadBundle } from './fakes/gas-fakes';

const CUSTOM_FUNCTIONS: Record<string, string[]> = {
  QUALITY_INDEX: ['means'],
  QUALITY_SE: ['means', 'participants', 'sds'],
  NOR_GROUP: ['quality_index', 'se'],
  ISBSH: ['quality_index', 'factors'],
  ISBSH_GROUP: ['isbsh'],
  VALUE_ADDED: ['quality_index', 'factors'],
  ISBSH_MODEL: ['quality_index', 'factors', 'factor_names'],
  LOW_RESULTS: ['fails', 'participants', 'threshold', 'min_participants'],
  SCHOOL_CATEGORY: ['nor_group', 'isbsh_group'],
  OBJECTIVITY_MARKERS: ['means', 'sds', 'participants', 'spearman', 'names', 'min_participants'],
  COHORT_CHANGE: ['s4_previous', 's5_current', 'participants4', 'participants5', 'min_participants'],
  OBJECTIVITY_INDEX: ['markers', 'municipalities'],
};

/** The budget of the issue: Code.js minified. */
const BUDGET_BYTES = 100 * 1024;

const code = fs.readFileSync(bundlePath(), 'utf8');

/** Top-level `function NAME(` declarations (Apps Script lists and calls only these). */
function topLevelFunctions(): Set<string> {
  const names = new Set<string>();
  // Stubs stand before the webpack bootstrap; a declaration at depth 0 is a top-level one.
  let depth = 0;
  const re = /[{}]|\/\*[\s\S]*?\*\/|function ([A-Za-z_$][\w$]*)\(|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m[0] === '{') depth++;
    else if (m[0] === '}') depth--;
    else if (m[1] && depth === 0) names.add(m[1]);
  }
  return names;
}

function jsdocOf(name: string): string | null {
  const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code);
  return m ? m[1] : null;
}

describe('dist/gas/Code.js', () => {
  const top = topLevelFunctions();

  test('declares every custom function at the top level with its Russian JSDoc', () => {
    for (const [name, params] of Object.entries(CUSTOM_FUNCTIONS)) {
      expect(top.has(name)).toBe(true);
      const doc = jsdocOf(name);
      expect(doc).not.toBeNull();
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/[а-яё]{5}/i);
      expect(doc).toContain(`Пример: =${name}(`);
      const documented = [...doc!.matchAll(/@param \{[^}]+\} (\w+)/g)].map((m) => m[1]);
      expect(documented).toEqual(params);
      expect(doc).toMatch(/@return \{[^}]+\} \S/);
    }
  });

  test('declares the menu commands, onOpen and the sidebar calls at the top level', () => {
    const ctx = loadBundle(gasWorld().globals);
    const expected = [
      'onOpen', 'shnorOpenWizard', 'shnorCreateTemplates', 'shnorCheckData', 'shnorRunIdentification', 'shnorShowHelp',
      'shnorReportsCreate', 'shnorReportsSubmit', 'shnorReportsCollect',
      'shnorTemplateRegionalRoadmap', 'shnorTemplateProgrammeRoadmap', 'shnorTemplateMunicipalProgramme', 'shnorTemplateSchoolRoadmaps',
      'shnorTemplateTargetIndicators',
      'shnorWizardCheckData', 'shnorWizardCreateTemplates', 'shnorWizardSelectCell', 'shnorWizardListSheets', 'shnorWizardImportResults',
      'shnorWizardLoadSettings', 'shnorWizardSaveSettings', 'shnorWizardCandidateFactors', 'shnorWizardRun', 'shnorWizardProgress',
      'shnorWizardAnalyticalNote', 'shnorWizardInsertProgrammeTemplate', 'shnorWizardImportExport',
    ];
    for (const name of expected) {
      expect(top.has(name)).toBe(true);
      expect(typeof ctx[name]).toBe('function');
    }
    // Only these and the custom functions are callable from Sheets: no webpack internals leak out.
    expect([...top].sort()).toEqual([...expected, ...Object.keys(CUSTOM_FUNCTIONS)].sort());
  });

  test('carries none of the lazily loaded features (they are in Features.html)', () => {
    for (const text of ['Сбор отчётов за', 'Адресные рекомендации', 'Приложение А. Карточки школ', 'Статистика по отметкам']) expect(code).not.toContain(text);
  });

  test('is a plain script: no import, export or require', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(["']/);
  });

  test('loading it touches no service (Apps Script loads the project on every custom function call)', () => {
    const world = gasWorld();
    loadBundle(world.globals);
    expect(world.rec.calls).toEqual([]);
  });

  test(`stays within the size budget (${BUDGET_BYTES / 1024} KiB minified)`, () => {
    expect(fs.statSync(bundlePath()).size).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});

describe('the pushed project', () => {
  test('holds exactly Code.js, Sidebar.html, Help.html, Features.html and appsscript.json', () => {
    expect(fs.readdirSync(GAS_DIST).sort()).toEqual(['Code.js', 'Features.html', 'Help.html', 'Sidebar.html', 'appsscript.json']);
  });

  test('manifest: V8, Moscow time, only the current spreadsheet and the UI scopes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(GAS_DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });

  test('Sidebar.html carries its script inline (Apps Script serves one file, no assets)', () => {
    const html = fs.readFileSync(path.join(GAS_DIST, 'Sidebar.html'), 'utf8');
    expect(html).toContain('<div id="app">');
    expect(html).not.toMatch(/<script[^>]+src=/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain('shnorWizardRun');
    expect(scripts[0].length).toBeGreaterThan(10000);
  });

  test('.clasp.json pushes dist/gas', () => {
    const clasp = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist/gas');
  });
});
