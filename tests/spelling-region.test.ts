/**
 * A region where every row of «Результаты» is spelt in a different real variant (issue 12 § 1)
 * gives exactly what its canonical spelling gives: the JSON contract of the command line compared
 * whole, and every output sheet the Excel bridge and the Apps Script bundle write, cell by cell.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_CSV, shnor, tempDir } from './cli/run-cli';
import { respell, respellCsv } from './fixtures/spelling/respell';
import { csvTables, regionWorld } from './fakes/gas-region';
import { loadBundle } from './fakes/gas-fakes';
import { FakeExcel, sheetValues } from './addin-fake-excel';
import { memoryStore, workbookOf } from './addin-setup';
import { ExcelBridge } from '../addin/taskpane/excel-bridge';
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';

const OUTPUT = ['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025'];

describe('the respelt demo region', () => {
  const respeltDir = tempDir('shnor-respelt-');
  for (const f of fs.readdirSync(DEMO_CSV)) fs.copyFileSync(path.join(DEMO_CSV, f), path.join(respeltDir, f));
  const resultsCsv = fs.readFileSync(path.join(DEMO_CSV, 'results.csv'), 'utf8');
  fs.writeFileSync(path.join(respeltDir, 'results.csv'), respellCsv(resultsCsv));

  test('the fixture really differs: many spellings per indicator, none in the canonical form alone', () => {
    const rows = fs.readFileSync(path.join(respeltDir, 'results.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(';'));
    const spellings = new Set(rows.map((r) => `${r[2]}|${r[3]}|${r[4]}`));
    expect(spellings.size).toBeGreaterThan(200);
    expect(rows.filter((r) => r[2] === 'ЕГЭ' && r[3] === '11' && r[4] === 'Математика').length).toBeLessThan(rows.length / 50);
  });

  test('command line: the JSON contract is the same, whole, and no indicator is left out', () => {
    const canonical = shnor(['identify', DEMO_CSV, '--format', 'json']);
    const respelt = shnor(['identify', respeltDir, '--format', 'json']);
    expect(canonical.status).toBe(0);
    expect(respelt.status).toBe(0);
    expect(JSON.parse(respelt.stdout)).toEqual(JSON.parse(canonical.stdout));
    expect(respelt.stderr).not.toContain('не включённые в расчёт');
    expect(respelt.stderr).not.toContain('похож на');
  });

  test('the engine: every school the same, the ИСБШ model over the same schools', () => {
    const tables = generateRegion({ schools: 300 });
    const a = identify(tables), b = identify(respell(tables));
    expect(b.indicators).toEqual(a.indicators);
    expect(b.schools).toEqual(a.schools);
    expect(b.model).toEqual(a.model);
  });

  test('Excel bridge: every output sheet the same, cell by cell', async () => {
    const tables = generateRegion({ schools: 300 });
    const sheetsOf = async (t: typeof tables) => {
      const fake = new FakeExcel(workbookOf(t));
      const summary = await new ExcelBridge(fake.runner, memoryStore()).run({});
      expect(summary.ok).toBe(true);
      return { summary, sheets: OUTPUT.map((n) => sheetValues(fake.sheet(n)!)) };
    };
    const a = await sheetsOf(tables), b = await sheetsOf(respell(tables));
    expect(b.sheets).toEqual(a.sheets);
    expect(b.summary).toEqual(a.summary);
  });

  test('Google Sheets (the built bundle): every output sheet the same, cell by cell', () => {
    const sheetsOf = (t: ReturnType<typeof csvTables>) => {
      const world = regionWorld(t);
      loadBundle(world.globals).shnorRunIdentification();
      return OUTPUT.map((n) => world.spreadsheet.sheet(n)!.grid());
    };
    const canonical = csvTables(DEMO_CSV);
    expect(sheetsOf(csvTables(respeltDir))).toEqual(sheetsOf(canonical));
    expect(sheetsOf(respell(canonical))).toEqual(sheetsOf(canonical));
  });

  describe('basic mathematics instead of profile: the warning names both and says how to include it', () => {
    const basicOnly = (t: ReturnType<typeof generateRegion>) => ({
      ...t,
      results: t.results.map((r, i) => (i > 0 && r[2] === 'ЕГЭ' && r[4] === 'Математика' ? [...r.slice(0, 4), 'Математика (базовый уровень)', ...r.slice(5)] : r)),
    });
    const expected = 'Показатель «ЕГЭ-11 Математика (базовая)» не включён в расчёт, хотя похож на стандартный «ЕГЭ-11 Математика», которого нет в данных года (базовая и профильная математика — разные показатели)';
    const howTo = 'добавьте на лист «Настройки» строку «Индикатор» со значением «ЕГЭ-11 Математика (базовая)»';

    test('command line (stderr)', () => {
      const dir = tempDir('shnor-basic-');
      for (const f of fs.readdirSync(DEMO_CSV)) fs.copyFileSync(path.join(DEMO_CSV, f), path.join(dir, f));
      fs.writeFileSync(path.join(dir, 'results.csv'), resultsCsv.replace(/;ЕГЭ;11;Математика;/g, ';ЕГЭ;11;Математика (база);'));
      const r = shnor(['identify', dir, '--format', 'json']);
      expect(r.status).toBe(0);
      expect(r.stderr.replace(/\s+/g, ' ')).toContain(expected);
      expect(r.stderr.replace(/\s+/g, ' ')).toContain(howTo);
    });

    test('Excel task pane (the bridge the wizard shows)', async () => {
      const fake = new FakeExcel(workbookOf(basicOnly(generateRegion({ schools: 300 }))));
      const summary = await new ExcelBridge(fake.runner, memoryStore()).run({});
      const text = summary.problems.map((p) => p.message).join('\n');
      expect(text).toContain(expected);
      expect(text).toContain(howTo);
    });

    test('Google Sheets sidebar (the built bundle, as google.script.run calls it)', () => {
      const world = regionWorld(basicOnly(generateRegion({ schools: 300 })));
      const summary = loadBundle(world.globals).shnorWizardRun({}) as { problems: { message: string }[] };
      const text = summary.problems.map((p) => p.message).join('\n');
      expect(text).toContain(expected);
      expect(text).toContain(howTo);
    });
  });
});
