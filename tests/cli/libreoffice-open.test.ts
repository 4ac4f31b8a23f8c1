/**
 * The workbook `shnor identify --format xlsx` writes, opened by a real spreadsheet engine
 * (headless LibreOffice): every output sheet is there, and the values it reads back are the JSON's.
 */
import * as path from 'path';
import { recalcToCsv, withLibreOffice } from '../helpers/libreoffice';
import { DEMO_CSV, shnor, tempDir } from './run-cli';

withLibreOffice('the identification workbook in LibreOffice', () => {
  test('output sheets open and hold the same numbers as --format json', () => {
    const file = path.join(tempDir('shnor-lo-'), 'result.xlsx');
    expect(shnor(['identify', DEMO_CSV, '--format', 'xlsx', '--out', file]).status).toBe(0);
    const json = JSON.parse(shnor(['identify', DEMO_CSV, '--format', 'json']).stdout) as {
      schools: { code: string; qualityIndex: number | null; qualityGroup: number | null; category: string | null }[];
    };
    const sheets = recalcToCsv(file, ['Школы', 'Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025']);
    const ident = sheets.get('Идентификация 2025')!;
    const headerRow = ident.findIndex((r) => r[0] === 'Код ОО');
    const header = ident[headerRow] as string[];
    const rows = ident.slice(headerRow + 1).filter((r) => r[0] !== '');
    expect(rows).toHaveLength(300);
    const col = (title: string) => header.indexOf(title);
    rows.forEach((r, i) => {
      const s = json.schools[i];
      expect(r[0]).toBe(s.code); // text codes keep their leading zeros
      if (s.qualityIndex === null) expect(r[col('Индекс качества')]).toBe('');
      else expect(Number(r[col('Индекс качества')])).toBeCloseTo(s.qualityIndex, 9);
      expect(r[col('Группа (качество)')]).toBe(s.qualityGroup === null ? '' : String(s.qualityGroup));
      expect(r[col('Категория')]).toBe(s.category ?? '');
    });
    const summary = sheets.get('Свод 2025')!;
    const total = summary.find((r) => r[0] === 'Итого по региону')!;
    expect(Number(total[1])).toBe(300);
    expect(sheets.get('Перечни 2025')!.some((r) => String(r[0]).startsWith('Приложение 1.'))).toBe(true);
  });
});
