/**
 * A missing input sheet is reported with the sheets the workbook has and the one it probably is
 * (issue 12 § 4.6): «Результаты» saved as «Результаты ВПР».
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { closestSheet, rememberSheetNames, withSheetNames } from '../../shared/input/sheet-names';
import { checkData } from '../../shared/wizard-protocol';
import { identify } from '../../shared/method/identify';
import { DEMO_XLSX, shnor, tempDir } from './run-cli';
import { ExcelBridge } from '../../addin/taskpane/excel-bridge';
import { FakeExcel } from '../addin-fake-excel';
import { memoryStore } from '../addin-setup';
import { gasWorld } from '../fakes/gas-fakes';
import { readInput } from '../../gas/workbook';
import { DemoBridge, MemoryWorkbook } from '../../wizard/demo-bridge';

const SUGGESTION = 'Нет листа «Результаты»: он обязателен. В книге есть листы: «Школы», «Результаты ВПР», «Социальные показатели», «Настройки» — возможно, это «Результаты ВПР» (переименуйте его в «Результаты»)';

describe('shnor identify on a workbook whose «Результаты» is «Результаты ВПР»', () => {
  test('exit 2, the message names the workbook\'s sheets and the closest one', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(DEMO_XLSX);
    wb.getWorksheet('Результаты')!.name = 'Результаты ВПР';
    const file = path.join(tempDir('shnor-sheet-'), 'region.xlsx');
    await wb.xlsx.writeFile(file);
    const run = shnor(['identify', file, '--format', 'table']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Ошибка: ${SUGGESTION}`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});

describe('closestSheet', () => {
  test('a name containing the wanted one, a misspelling, nothing alike', () => {
    expect(closestSheet('Результаты', ['Школы', 'Результаты ВПР', 'Лист1'])).toBe('Результаты ВПР');
    expect(closestSheet('Результаты', ['Школы', 'Резултаты'])).toBe('Резултаты');
    expect(closestSheet('Школы', ['школы региона', 'Результаты'])).toBe('школы региона');
    expect(closestSheet('Результаты', ['Школы', 'Лист1', 'Диаграмма'])).toBeNull();
  });

  test('another input sheet is never suggested', () => {
    // «Социальные показатели» contains neither; «Настройки» is an input sheet of its own.
    expect(closestSheet('Школы', ['Результаты', 'Настройки'])).toBeNull();
  });

  test('without the workbook\'s names the message stays as it was', () => {
    const p = [{ sheet: 'Результаты', row: null, column: null, severity: 'error' as const, message: 'Нет листа «Результаты»: он обязателен' }];
    expect(withSheetNames(p, undefined)).toEqual(p);
  });
});

describe('the engine adds the names a host recorded (the wizard\'s data check, identify)', () => {
  test('checkData and identify', () => {
    const tables = { schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Школа', 'Район']], results: [] };
    rememberSheetNames(tables, ['Школы', 'Результаты ВПР']);
    const message = 'Нет листа «Результаты»: он обязателен. В книге есть листы: «Школы», «Результаты ВПР» — возможно, это «Результаты ВПР» (переименуйте его в «Результаты»)';
    expect(checkData(tables).problems.map((p) => p.message)).toContain(message);
    expect(identify(tables).problems.map((p) => p.message)).toContain(message);
  });
});

describe('the spreadsheet hosts know the sheets too', () => {
  const small = { schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Школа', 'Район']] };
  const message = 'Нет листа «Результаты»: он обязателен. В книге есть листы: «Школы», «Результаты ВПР» — возможно, это «Результаты ВПР» (переименуйте его в «Результаты»)';

  test('Excel: the wizard\'s data check', async () => {
    const f = new FakeExcel({ 'Школы': small.schools, 'Результаты ВПР': [['Год', 'Код ОО']] });
    const check = await new ExcelBridge(f.runner, memoryStore()).checkData();
    expect(check.problems.map((p) => p.message)).toContain(message);
  });

  test('Google Sheets: readInput records the sheets when a required one is missing', () => {
    const world = gasWorld();
    world.spreadsheet.add('Школы', small.schools);
    world.spreadsheet.add('Результаты ВПР', [['Год', 'Код ОО']]);
    const { tables } = readInput(world.spreadsheet as never);
    expect(checkData(tables).problems.map((p) => p.message)).toContain(message);
  });

  test('the browser demo', async () => {
    const bridge = new DemoBridge(new MemoryWorkbook({ 'Школы': small.schools, 'Результаты ВПР': [['Год', 'Код ОО']] }));
    expect((await bridge.checkData()).problems.map((p) => p.message)).toContain(message);
  });
});
