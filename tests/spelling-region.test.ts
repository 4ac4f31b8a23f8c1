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

const OUTPUT = ['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Списки 2025'];

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
});
