/**
 * Example ФИС ОКО per-pupil files of the demo region, for an official to try the import
 * (`shnor import vpr-pupils` / `vpr-journal`, or the wizards' import step): «Индивидуальные
 * результаты» and «Сравнение отметок с отметками по журналу» of ВПР 2025 Математика 4 класс for the
 * schools of one municipality (the smallest one with a planted school), from the same pupils the
 * demo's «Результаты» columns were reduced from — importing them into examples/demo-region.xlsx
 * finds the same values already there.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Grid } from '../shared/types';
import type { DemoPupilRow, ObjectivityPlanted } from './demo-pupils';
import { exampleMunicipality, pupilReportOf } from './demo-pupils';
import { journalCounts, journalReportGrid, pupilReportGrid } from './fis-oko-reports';
import { DEMO_REGION_NAME, Rng } from './demo-region';

/** Widths and number formats of the objectivity columns of «Результаты» in the demo workbook (from column 14, N). */
export const OBJECTIVITY_WIDTHS = [14, 14, 16, 14, 13, 14, 11, 11, 11, 14];
export const OBJECTIVITY_FORMATS: Record<number, string> = { 13: '0.00', 15: '0.00', 16: '0.0', 17: '0.000', 19: '0.00', 20: '0.00', 21: '0.00' };

export const EXAMPLE_PUPIL_FILES = {
  pupils: 'vpr-2025-4-matematika-individualnye.xlsx',
  journal: 'vpr-2025-4-matematika-zhurnal.xlsx',
} as const;

const FILE_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

async function writeGrid(file: string, sheet: string, grid: unknown[][], finish: (buf: Buffer, date: Date) => Buffer): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ФИС ОКО (пример ШНОР Монитор)';
  wb.created = FILE_DATE;
  wb.modified = FILE_DATE;
  const ws = wb.addWorksheet(sheet);
  for (const row of grid) ws.addRow(row as ExcelJS.CellValue[]);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.getColumn(1).width = 44;
  const data = await wb.xlsx.writeBuffer();
  fs.writeFileSync(file, finish(Buffer.from(data as ArrayBuffer), FILE_DATE));
}

/** Writes the example files into `dir`; returns their paths. */
export async function writeExamplePupilFiles(dir: string, built: { tables: { schools: Grid }; summary: { objectivityPlanted: ObjectivityPlanted }; pupils: DemoPupilRow[] },
  finish: (buf: Buffer, date: Date) => Buffer): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const { name, codes } = exampleMunicipality(built.tables.schools, built.summary.objectivityPlanted);
  const schools = new Map(built.tables.schools.slice(1).map((r) => [String(r[0]), { name: String(r[1]), municipality: String(r[2]) }]));
  const region = `${DEMO_REGION_NAME}(reg99)`;
  const key = { year: 2025, grade: '4', subject: 'Математика' };
  const report = pupilReportOf(new Rng(2025), built.pupils, key, codes, schools, region);
  const pupilsFile = path.join(dir, EXAMPLE_PUPIL_FILES.pupils);
  await writeGrid(pupilsFile, 'Индивидуальные результаты', pupilReportGrid(report), finish);
  const journal = journalReportGrid({
    ...key, date: report.date, region,
    schools: report.schools.map((s) => ({ fisName: s.fisName, login: s.login, municipality: s.municipality, counts: journalCounts(s.pupils) })),
  });
  const journalFile = path.join(dir, EXAMPLE_PUPIL_FILES.journal);
  await writeGrid(journalFile, 'МА 4 Сравнение отметок с отметк', journal, finish);
  const readme = path.join(dir, 'README.md');
  fs.writeFileSync(readme, `# Пример выгрузок ФИС ОКО по ученикам (демонстрационная область)

Два файла в том виде, в каком их выдаёт ФИС ОКО, для ВПР 2025 года, математика, 4 класс, по школам
муниципалитета «${name}» (${report.schools.length} ${report.schools.length === 1 ? 'школа' : 'школ'}):

- \`${EXAMPLE_PUPIL_FILES.pupils}\` — отчёт «Индивидуальные результаты»: по строке на ученика
  (первичный балл, отметка, отметка по журналу), над учениками каждой школы — строка школы с её логином \`edu…\`;
- \`${EXAMPLE_PUPIL_FILES.journal}\` — отчёт «Сравнение отметок с отметками по журналу»
  (понизили, подтвердили, повысили).

Попробовать импорт. Книга демонстрационной области уже содержит значения, сведённые из этих же
учеников: импорт учеников только дополнит у этих школ пустой «Средний балл» (для ВПР в книге даны
отметки «2»–«5»), импорт сравнения с журналом сообщит, что те же значения уже записаны. Чтобы
увидеть заполнение целиком, удалите в копии книги столбцы «Средний первичный балл» … «Участников
сравнения с журналом»:

\`\`\`
shnor import vpr-pupils examples/vpr-pupils/${EXAMPLE_PUPIL_FILES.pupils} --into examples/demo-region.xlsx --out регион-с-учениками.xlsx
shnor import vpr-journal examples/vpr-pupils/${EXAMPLE_PUPIL_FILES.journal} --into регион-с-учениками.xlsx
\`\`\`

В Excel и Google Таблицах: откройте файл выгрузки листом в книге региона и выберите в мастере шаг
«Импорт выгрузки» → «ВПР — индивидуальные результаты (ФИС ОКО)» или «ВПР — сравнение с отметками по журналу (ФИС ОКО)».
Файлы созданы генератором (\`npm run demo:generate\`), ученики вымышлены.
`);
  return [pupilsFile, journalFile, readme];
}
