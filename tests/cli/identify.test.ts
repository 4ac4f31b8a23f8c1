/**
 * The command line end to end, as a user runs it: formats, the written workbook, exit codes,
 * bad input, and the Massachusetts check against the state's own ratings.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_CSV, DEMO_XLSX, MASSACHUSETTS, shnor, tempDir, writeCsvFolder } from './run-cli';

const CONTRACT_SCHOOL_KEYS = [
  'code', 'name', 'municipality', 'qualityIndex', 'qualityIndexSE', 'qualityZ', 'qualityGroup', 'isbsh', 'isbshGroup',
  'residual', 'federalLow', 'lowIndicators', 'category', 'stable', 'change', 'reason', 'partners',
];

describe('shnor identify on the demo region', () => {
  const out = path.join(tempDir('shnor-xlsx-'), 'result.xlsx');
  let run: ReturnType<typeof shnor>;
  beforeAll(() => {
    run = shnor(['identify', DEMO_XLSX, '--format', 'xlsx', '--out', out]);
  });

  test('prints the ten-second summary and exits 0', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ШНОР Монитор — идентификация 2025 года/);
    expect(run.stdout).toMatch(/Школ: 300 в 24 муниципалитетах/);
    expect(run.stdout).toMatch(/Модель ИСБШ: R² 0,\d\d/);
    expect(run.stdout).toMatch(/Перечень ШНОР: \d+ = только ШНОР \d+ \+ ШНОР и ШФНСУ \d+; впервые \d+, повторно \d+(, без сравнения с \d+ годом \d+ \([^)]+\))?; вышли из перечня \d+; устойчивые \d+/);
    expect(run.stdout).toMatch(/Перечень ШФНСУ: \d+ = только ШФНСУ \d+ \+ ШНОР и ШФНСУ \d+/);
    expect(run.stdout.split('\n').length).toBeLessThan(25);
    expect(run.stderr).toMatch(/Предупреждение: У 3 школ нет всех социальных показателей/);
  });

  test('the workbook keeps the input sheets unchanged and adds the output sheets', async () => {
    const [input, output] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await input.xlsx.readFile(DEMO_XLSX);
    await output.xlsx.readFile(out);
    expect(output.worksheets.map((w) => w.name)).toEqual([
      ...input.worksheets.map((w) => w.name), 'Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025', 'Объективность 2025',
    ]);
    for (const ws of input.worksheets) {
      const copy = output.getWorksheet(ws.name)!;
      const values = (w: ExcelJS.Worksheet) => w.getSheetValues().map((r) => JSON.stringify(r));
      expect(values(copy)).toEqual(values(ws));
    }
  });

  test('the identification sheet has a frozen header, a filter, number formats and colour by group', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Идентификация 2025')!;
    const headerRow = 3;
    expect(ws.getRow(headerRow).getCell(1).value).toBe('Код ОО');
    expect(ws.getRow(headerRow).getCell(7).value).toBe('Группа (качество)');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(4).numFmt).toBe('0.000');
    expect(ws.rowCount).toBe(headerRow + 300);
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] }).conditionalFormattings;
    expect(rules.find((r) => r.ref.startsWith('G'))!.rules).toHaveLength(11);
    // No NaN and no «undefined» anywhere in the written values.
    ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.value).not.toBeNaN();
      expect(String(cell.value)).not.toMatch(/NaN|undefined/);
    }));
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  test('a re-run on the output replaces that year\'s sheets and keeps the others', async () => {
    const again = path.join(path.dirname(out), 'again.xlsx');
    expect(shnor(['identify', out, '--year', '2024', '--format', 'xlsx', '--out', again]).status).toBe(0);
    const rerun = path.join(path.dirname(out), 'rerun.xlsx');
    expect(shnor(['identify', again, '--format', 'xlsx', '--out', rerun]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rerun);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => n === 'Идентификация 2025')).toHaveLength(1);
    expect(names).toContain('Идентификация 2024');
  });

  test('--format json prints exactly the contract, the same from the workbook and from CSV', () => {
    const fromXlsx = JSON.parse(shnor(['identify', DEMO_XLSX, '--format', 'json']).stdout);
    const fromCsv = JSON.parse(shnor(['identify', DEMO_CSV, '--format', 'json']).stdout);
    expect(Object.keys(fromXlsx)).toEqual(['year', 'model', 'schools', 'problems', 'objectivity']);
    expect(Object.keys(fromXlsx.objectivity)).toEqual(['index', 'indexWithAdditions', 'municipalities', 'schools']);
    expect(fromXlsx.objectivity.schools).toHaveLength(300);
    for (const s of fromXlsx.objectivity.schools) expect(Object.keys(s)).toEqual(['code', 'markers', 'reasons', 'noData', 'k']);
    expect(fromCsv.objectivity).toEqual(fromXlsx.objectivity);
    expect(Object.keys(fromXlsx.model)).toEqual(['factors', 'intercept', 'r2', 'adjR2', 'n', 'residualSD']);
    expect(Object.keys(fromXlsx.model.factors[0])).toEqual(['name', 'b', 'se', 't', 'p', 'beta']);
    for (const s of fromXlsx.schools) expect(Object.keys(s)).toEqual(CONTRACT_SCHOOL_KEYS);
    expect(Object.keys(fromXlsx.problems[0])).toEqual(['sheet', 'row', 'column', 'message']);
    expect(fromXlsx.schools).toHaveLength(300);
    expect(fromCsv.schools).toEqual(fromXlsx.schools);
  });
});

/** Encodes text as Windows-1251 (the characters of the demo files), as Russian Excel saves CSV. */
function cp1251(text: string): Buffer {
  const special: Record<string, number> = { 'Ё': 0xa8, 'ё': 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '—': 0x97, '–': 0x96, '\u00a0': 0xa0 };
  return Buffer.from([...text.replace(/^\uFEFF/, '')].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch in special) return special[ch];
    throw new Error(`no cp1251 byte for ${ch}`);
  }));
}

test('a CSV folder saved by Russian Excel in Windows-1251 gives the same result as UTF-8', () => {
  const dir = tempDir('shnor-1251-');
  for (const f of ['schools.csv', 'results.csv', 'social.csv', 'settings.csv']) {
    fs.writeFileSync(path.join(dir, f), cp1251(fs.readFileSync(path.join(DEMO_CSV, f), 'utf8')));
  }
  const utf8 = JSON.parse(shnor(['identify', DEMO_CSV, '--format', 'json']).stdout);
  const legacy = JSON.parse(shnor(['identify', dir, '--format', 'json']).stdout);
  expect(legacy.schools).toEqual(utf8.schools);
});

describe('bad input', () => {
  test('every error is listed with sheet, row and column; exit code 2; no stack trace', () => {
    const dir = tempDir('shnor-bad-');
    writeCsvFolder(dir, {
      'schools.csv': [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'Школа № 1', 'Город'], ['002', 'Школа № 2', 'Город'], ['001', 'Дубль', 'Город']],
      'results.csv': [
        ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Не справились'],
        ['2025', '001', 'ОГЭ', '9', 'Математика', 'двадцать', '3,5', '2'],
        ['2025', '999', 'ОГЭ', '9', 'Математика', '20', '3,5', '2'],
        ['2025', '002', 'ОГЭ', '9', 'Математика', '20', '3,5', '25'],
        ['2025', '002', 'ОГЭ', '9', 'Математика', '20', '3,5', '2'],
      ],
    });
    const run = shnor(['identify', dir, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => l.includes('Ошибка:'));
    expect(lines).toEqual([
      '  Ошибка: Лист «Школы», строка 4, столбец «Код ОО»: код ОО «001» повторяется (впервые в строке 2)',
      '  Ошибка: Лист «Результаты», строка 2, столбец «Участников»: ожидалось целое число, найдено «двадцать»',
      '  Ошибка: Лист «Результаты», строка 3, столбец «Код ОО»: код ОО «999» не найден на листе «Школы»',
      '  Ошибка: Лист «Результаты», строка 4, столбец «Не справились»: не справились (25) больше, чем участников (20)',
      '  Ошибка: Лист «Результаты», строка 5, столбец «Процедура»: строка повторяет показатель «ОГЭ-9 Математика» за 2025 год (впервые в строке 4)',
    ]);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  test('a missing file, a wrong extension, a missing CSV and a bad option: plain Russian, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['identify', '/nonexistent/region.xlsx'], /Не найден файл или папка/],
      [['identify', path.join(DEMO_CSV, 'schools.csv')], /«.*schools\.csv» — не книга, а текст CSV\/TSV: в одном таком файле нет листов «Школы» и «Результаты»/],
      [['identify', tempDir('shnor-empty-')], /нет «schools\.csv» и «results\.csv»/],
      [['identify', DEMO_CSV, '--format', 'pdf'], /--format: ожидалось json, table, xlsx или ods/],
      [['identify', DEMO_CSV, '--format', 'xlsx'], /укажите файл: --out/],
      [['identify', DEMO_CSV, '--yaer', '2025'], /Неизвестный параметр: --yaer/],
      [['identify', DEMO_CSV, '--year', 'прошлый'], /--year: ожидался год/],
      [['identify', DEMO_CSV, '--year', '2019'], /нет данных за 2019 год/],
      [['frobnicate'], /Неизвестная команда «frobnicate»/],
    ];
    for (const [args, message] of cases) {
      const run = shnor(args);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  test('a corrupt .xlsx is bad input, not a crash', () => {
    const file = path.join(tempDir('shnor-corrupt-'), 'broken.xlsx');
    fs.writeFileSync(file, 'this is not a zip file');
    const run = shnor(['identify', file]);
    expect(run.status).toBe(2);
    // The content decides the format (cli/workbook-read.ts): this one is text, and the message says so.
    expect(run.stderr).toMatch(/^Файл «.*broken\.xlsx» — не книга, а текст CSV\/TSV/);
    const binary = path.join(path.dirname(file), 'binary.xlsx');
    fs.writeFileSync(binary, Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) & 0xff)));
    const bin = shnor(['identify', binary]);
    expect(bin.status).toBe(2);
    expect(bin.stderr).toMatch(/не является книгой \.xlsx, \.ods или \.xls \(неизвестный формат\)/);
  });
});

describe('Massachusetts 2017: agreement with the state\'s own accountability levels', () => {
  test('most Level 3–4 schools come out as ШНОР, few Level 1 schools do', () => {
    const run = shnor(['identify', MASSACHUSETTS, '--format', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { schools: { code: string; category: string | null; qualityGroup: number | null }[] };
    const csv = fs.readFileSync(path.join(MASSACHUSETTS, 'schools.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
    const levelColumn = csv[0].indexOf('Уровень подотчётности штата');
    const level = new Map(csv.slice(1).map((r) => [r[0], r[levelColumn]]));
    const share = (levels: string[]) => {
      const judged = result.schools.filter((s) => levels.includes(level.get(s.code)!) && s.qualityGroup !== null);
      const flagged = judged.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ');
      return { judged: judged.length, flagged: flagged.length, share: flagged.length / judged.length };
    };
    const low = share(['Level 3', 'Level 4']);
    const high = share(['Level 1']);
    // Printed for the issue note: the agreement figure.
    process.stdout.write(`Massachusetts: ШНОР among state Level 3–4 schools ${low.flagged}/${low.judged} = ${(100 * low.share).toFixed(1)}%; among Level 1 ${high.flagged}/${high.judged} = ${(100 * high.share).toFixed(1)}%\n`);
    expect(low.judged).toBeGreaterThan(100);
    expect(low.share).toBeGreaterThanOrEqual(0.85);
    expect(high.share).toBeLessThanOrEqual(0.2);
  });
});
