/**
 * `shnor import ВИД ФАЙЛ… --into КНИГА.xlsx`: adds the rows of a ВПР export, ОГЭ/ЕГЭ results or social
 * passports to «Результаты» / «Социальные показатели» of the region workbook, lists every row it could
 * not match, and leaves every other sheet as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { XlsxReadError, checkZipLimits, streamXlsxRows } from '../xlsx-stream';
import { VprPupilReader } from '../../shared/import/vpr-pupils';
import JSZip from 'jszip';
import { type AppendPlan, importColumnWidth, shareColumns, shareFormat } from '../../shared/import/append';
import type { SourceSheet } from '../../shared/import/common';
import type { ImportResult } from '../../shared/import/common';
import { type ImportKind, type RunImportOptions, importDirectory, importPreviewLines, planImport, runImporter } from '../../shared/import/run';
import { SHEETS, NOUN, counted } from '../../shared/messages';
import type { Cell, Grid, Problem } from '../../shared/types';
import { type Args, InputError, type Io, checkOptions, defineCommand } from '../command';
import { csvProblems, csvReadFailure, decodeCsv, readCsv, scanCsvRows } from '../csv';
import { count as countText, fullListHint, writeProblemsFile } from '../problems';
import { writeBook } from '../ods-write';
import { FORMAT_NAMES, detectFormat, readBookSheets } from '../workbook-read';
import { cellValue, findSheet, guardTextCell, guardTextRow, sheetToGrid } from '../xlsx';
import { problemsOption } from './identify';

type Kind = ImportKind;

/** At most this many errors and as many warnings are listed per file (then how many more). */
const IMPORT_LIST_LIMIT = 100;

const KINDS: Record<string, Kind> = {
  vpr: 'vpr', 'впр': 'vpr',
  'vpr-pupils': 'vpr-pupils', 'впр-ученики': 'vpr-pupils',
  'vpr-journal': 'vpr-journal', 'впр-журнал': 'vpr-journal',
  oge: 'oge', 'огэ': 'oge',
  ege: 'ege', 'егэ': 'ege',
  exam: 'exam', 'oge-ege': 'exam', 'огэ-егэ': 'exam',
  passport: 'passport', 'паспорт': 'passport', social: 'passport',
};

/**
 * A source file's sheets as grids. Cells hidden under a merge are empty, as Excel's `range.values`
 * and Sheets' `getValues()` give them.
 */
export async function readSource(file: string): Promise<SourceSheet[]> {
  return (await readSourceFile(file)).sheets;
}

/** readSource with what reading a CSV found (a quoted value over several lines). */
async function readSourceFile(file: string): Promise<{ sheets: SourceSheet[]; problems: Problem[] }> {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new InputError(`Не найден файл «${file}»`);
  // The content decides, not the name: an «.xls» export may be HTML or CSV text.
  const format = /\.(csv|tsv|txt)$/i.test(file) ? 'text' : detectFormat(file);
  if (format === 'text') {
    const csv = readCsv(file);
    const failure = csvReadFailure(csv.problems);
    if (failure) throw new InputError(`${failure}\nНичего не импортировано: исправьте файл и запустите снова.`);
    return { sheets: [{ name: path.basename(file), grid: csv.grid }], problems: csv.problems };
  }
  if (format === 'ods' || format === 'xls' || format === 'xml' || format === 'html') {
    try {
      const book = await readBookSheets(file, format, { merged: 'blank' });
      return { sheets: book.sheets.filter((s) => !s.hidden).map(({ name, grid }) => ({ name, grid })), problems: [] };
    } catch (e) {
      throw new InputError(`Не удалось прочитать файл «${file}» (${FORMAT_NAMES[format]}): ${e instanceof XlsxReadError ? e.message : (e as Error).message}`);
    }
  }
  if (format !== 'xlsx') throw new InputError(`Файл «${file}»: ожидалась книга .xlsx, .ods или .xls или файл .csv (это ${FORMAT_NAMES[format]})`);
  // A zip bomb is refused before exceljs inflates anything (the zip's directory, cli/xlsx-stream.ts).
  const wb = new ExcelJS.Workbook();
  try {
    checkZipLimits(file);
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(`Не удалось прочитать книгу «${file}»: ${e instanceof XlsxReadError ? e.message : `файл повреждён или это не .xlsx (${(e as Error).message})`}`);
  }
  const sheets = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden').map((ws) => {
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells[c - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cellValue(cell);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      grid[r - 1] = cells;
    });
    for (let r = 0; r < grid.length; r++) if (!grid[r]) grid[r] = [];
    return { name: ws.name, grid };
  });
  return { sheets, problems: [] };
}

/**
 * A per-pupil report («Индивидуальные результаты») read row by row from the .xlsx: a million pupils
 * are never a grid in memory, only one row and each school's scores (shared/import/vpr-pupils).
 */
async function streamPupils(file: string, dir: ReturnType<typeof importDirectory>['dir'], options: RunImportOptions): Promise<{ sheets: SourceSheet[]; problems: Problem[]; result: ImportResult }> {
  if (!fs.existsSync(file)) throw new InputError(`Не найден файл «${file}»`);
  const reader = new VprPupilReader(dir, { year: options.year, grade: options.grade, subject: options.subject, fileName: options.fileName, commandLine: true });
  const format = detectFormat(file);
  if (format === 'ods' || format === 'xls' || format === 'xml' || format === 'html') {
    // .ods and .xls (and HTML/XML saved as «.xls»): the book's sheets, their rows one by one.
    let book: Awaited<ReturnType<typeof readBookSheets>>;
    try {
      book = await readBookSheets(file, format);
    } catch (e) {
      throw new InputError(`Не удалось прочитать книгу «${file}»: ${(e as Error).message}`);
    }
    for (const sheet of book.sheets) {
      reader.sheet(sheet.name);
      sheet.grid.forEach((row, i) => reader.row(row, i + 1));
    }
    return { sheets: [], problems: [], result: reader.finish() };
  }
  if (format !== 'xlsx') {
    // A CSV: the text once, its rows one by one (the grid of a million pupils is never made).
    const name = path.basename(file);
    const { text, invalidUtf8 } = decodeCsv(fs.readFileSync(file));
    reader.sheet(name);
    const scan = scanCsvRows(text, (row, i) => reader.row(row, i + 1));
    const problems = csvProblems(name, text, { grid: [], ...scan });
    if (invalidUtf8) problems.unshift({ sheet: name, row: invalidUtf8.line, column: null, severity: 'warning', message: `Файл «${name}», строка ${invalidUtf8.line}: байты не UTF-8 (${invalidUtf8.count}); сохраните файл заново как «CSV UTF-8»` });
    const failure = csvReadFailure(problems);
    if (failure) throw new InputError(`${failure}\nНичего не импортировано: исправьте файл и запустите снова.`);
    return { sheets: [], problems, result: reader.finish() };
  }
  try {
    checkZipLimits(file);
    await streamXlsxRows(file, () => true, (name) => reader.sheet(name), (cells, row) => reader.row(cells, row));
  } catch (e) {
    if (e instanceof XlsxReadError) throw new InputError(`Не удалось прочитать книгу «${file}»: ${e.message}`);
    throw new InputError(`Не удалось прочитать книгу «${file}»: файл повреждён или это не .xlsx (${(e as Error).message})`);
  }
  return { sheets: [], problems: [], result: reader.finish() };
}

/** A workbook of the sheets' values (a region book read from .ods or .xls), hidden sheets hidden. */
function workbookFromSheets(sheets: { name: string; grid: Grid; hidden: boolean }[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.hidden ? 'hidden' : 'visible' });
    sheet.grid.forEach((row, r) => {
      if (!row.length) return;
      const target = ws.getRow(r + 1);
      row.forEach((v, c) => { if (v !== null && v !== undefined) target.getCell(c + 1).value = v as ExcelJS.CellValue; });
      guardTextRow(target);
    });
  }
  return wb;
}

/** Parts of an .xlsx that exceljs does not carry through a rewrite. */
export async function unsupportedParts(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files);
  const found: string[] = [];
  if (names.some((n) => n.startsWith('xl/charts/'))) found.push('диаграммы');
  if (names.some((n) => n.startsWith('xl/pivotTables/') || n.startsWith('xl/pivotCache/'))) found.push('сводные таблицы');
  if (names.some((n) => n.startsWith('xl/slicers/') || n.startsWith('xl/timelines/'))) found.push('срезы');
  if (names.some((n) => /^xl\/vbaProject\.bin$/i.test(n))) found.push('макросы');
  return found;
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const y = Number(text);
  if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new InputError(`--year: ожидался год, например 2025, указано «${text}»`);
  return y;
}

function importOptions(kind: Kind, args: Args, file: string): RunImportOptions {
  const o = args.options;
  return { year: parseYear(o.year), grade: o.grade, subject: o.subject, procedure: o.procedure, map: o.map, commandLine: true, fileName: path.basename(file) };
}

function previewText(kind: Kind, sheets: SourceSheet[], args: Args, file: string): string {
  const lines = importPreviewLines(kind, sheets, importOptions(kind, args, file));
  if (!lines.length) return '';
  lines.push('Поправить сопоставление: --map "Участников=D; Средний балл=Результат; Код ОО=-" (поле = буква столбца, заголовок или «-»)');
  return lines.join('\n');
}

/** Writes a plan into the worksheet: new header cells, appended rows, replaced rows. */
function applyPlan(wb: ExcelJS.Workbook, plan: AppendPlan): void {
  let ws = findSheet(wb, plan.sheet);
  if (!ws || plan.create) {
    if (!ws) ws = wb.addWorksheet(plan.sheet);
    const head = ws.getRow(plan.headerRow + 1);
    plan.header.forEach((h, i) => { head.getCell(i + 1).value = h; });
    guardTextRow(head);
    head.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
    plan.header.forEach((h, i) => { ws!.getColumn(i + 1).width = importColumnWidth(h); });
  } else {
    const head = ws.getRow(plan.headerRow + 1);
    for (const a of plan.added) {
      const cell = head.getCell(a.index + 1);
      cell.value = a.title;
      const left = a.index > 0 ? head.getCell(a.index) : null;
      if (left && left.style) cell.style = { ...left.style };
      guardTextCell(cell);
      ws.getColumn(a.index + 1).width = importColumnWidth(a.title);
    }
  }
  const shares = shareColumns(plan);
  const put = (row: ExcelJS.Row, index: number, value: Cell) => {
    const cell = row.getCell(index + 1);
    cell.value = value === undefined ? null : (value as ExcelJS.CellValue);
    const format = shareFormat(shares, index, value);
    if (format) cell.numFmt = format;
    guardTextCell(cell);
  };
  plan.append.forEach((cells, k) => {
    const row = ws!.getRow(plan.firstAppendRow + 1 + k);
    cells.forEach((v, i) => { if (v !== null && v !== undefined) put(row, i, v); });
  });
  for (const u of plan.updates) {
    const row = ws.getRow(u.row + 1);
    for (const c of u.cells) put(row, c.index, c.value);
  }
}

/**
 * The summary's list of unmatched rows (the `count` lines after «Не сопоставлено: …») cut to
 * IMPORT_LIST_LIMIT, then how many more: 200 000 unmatched rows are not 200 000 lines on the screen.
 */
export function shortenUnmatched(lines: string[], count: number): string[] {
  const at = lines.findIndex((l) => l.startsWith('Не сопоставлено:'));
  if (at < 0 || count <= IMPORT_LIST_LIMIT) return lines;
  const more = count - IMPORT_LIST_LIMIT;
  return [
    ...lines.slice(0, at + 1 + IMPORT_LIST_LIMIT),
    `  … и ещё ${counted(more, NOUN.row)} (все — с параметром --problems ФАЙЛ.csv)`,
    ...lines.slice(at + 1 + count),
  ];
}

async function runImport(args: Args, io: Io): Promise<number> {
  const [kindText, ...files] = args.positional;
  checkOptions(args, ['into', 'out', 'year', 'grade', 'subject', 'procedure', 'map', 'problems']);
  const problemsFile = problemsOption(args);
  const kind = kindText ? KINDS[kindText.toLowerCase()] : undefined;
  if (!kind) throw new InputError(`Укажите вид данных: vpr (ВПР), oge (ОГЭ), ege (ЕГЭ), exam (ОГЭ или ЕГЭ — по заголовку), passport (социальный паспорт), vpr-pupils (ВПР, индивидуальные результаты учеников) или vpr-journal (ВПР, сравнение отметок с отметками по журналу)${kindText ? `; указано «${kindText}»` : ''}.\nНапример: shnor import vpr выгрузка.xlsx --into регион.xlsx`);
  if (!files.length) throw new InputError(`Укажите файл: shnor import ${kindText} ФАЙЛ --into КНИГА.xlsx`);
  const into = args.options.into;
  if (!into) throw new InputError('Укажите книгу региона, куда добавить строки: --into регион.xlsx (в ней нужен лист «Школы»)');
  if (!fs.existsSync(into) || fs.statSync(into).isDirectory()) throw new InputError(`Не найдена книга «${into}»`);
  const intoFormat = detectFormat(into);
  if (!['xlsx', 'ods', 'xls', 'xml'].includes(intoFormat)) throw new InputError(`--into: ожидалась книга .xlsx, .ods или .xls, а «${into}» — ${FORMAT_NAMES[intoFormat]}`);
  const preview = args.flags.preview === true;
  const replace = args.flags.replace === true;
  // An .ods or .xls region book is not rewritten (its sheets' formatting would not survive): the rows go to a new book beside it.
  const out = args.options.out ?? (intoFormat === 'xlsx' ? into : `${into.replace(/\.[^./\\]*$/, '')}-импорт.${intoFormat === 'ods' ? 'ods' : 'xlsx'}`);
  if (!/\.(xlsx|ods)$/i.test(out)) throw new InputError(`--out: ожидалась книга .xlsx или .ods, указано «${out}»`);

  let wb = new ExcelJS.Workbook();
  if (intoFormat === 'xlsx') {
    // A zip bomb is refused before exceljs inflates anything (the zip's directory, cli/xlsx-stream.ts).
    try {
      checkZipLimits(into);
      await wb.xlsx.readFile(into);
    } catch (e) {
      throw new InputError(`Не удалось прочитать книгу «${into}»: ${e instanceof XlsxReadError ? e.message : `файл повреждён или это не .xlsx (${(e as Error).message})`}`);
    }
  } else {
    try {
      wb = workbookFromSheets((await readBookSheets(into, intoFormat, { merged: 'blank' })).sheets);
    } catch (e) {
      throw new InputError(`Не удалось прочитать книгу «${into}» (${FORMAT_NAMES[intoFormat]}): ${(e as Error).message}`);
    }
  }
  const schoolsWs = findSheet(wb, SHEETS.schools);
  const { dir, failure } = importDirectory(schoolsWs ? sheetToGrid(schoolsWs) : undefined, into);
  if (failure) {
    io.stderr(`${failure.join('\n')}\n`);
    return 2;
  }

  const report: string[] = [];
  let errors = 0;
  let written = 0;
  let unmatched = 0;
  const all: Problem[] = [];
  for (const file of files) {
    const { sheets, problems: readProblems, result } = kind === 'vpr-pupils' && /\.(xlsx|csv|tsv|txt)$/i.test(file)
      ? await streamPupils(file, dir, importOptions(kind, args, file))
      : await readSourceFile(file).then((r) => ({ ...r, result: runImporter(kind, r.sheets, dir, importOptions(kind, args, file)) }));
    report.push(`\n${path.basename(file)}:`);
    report.push(...readProblems.map((p) => `  Предупреждение: ${p.message}`));
    if (preview) {
      const p = previewText(kind, sheets, args, file);
      if (p) report.push(p);
    }
    const target = findSheet(wb, result.target);
    const { plan, errors: fileErrors, lines, preview: firstRows } = planImport(result, target ? sheetToGrid(target) : undefined, { replace, preview, limit: IMPORT_LIST_LIMIT });
    if (plan && plan.duplicates.length && !replace) lines.push('Чтобы заменить их, повторите импорт с --replace.');
    report.push(...[...shortenUnmatched(lines, result.unmatched.length), ...firstRows].map((l) => `  ${l}`));
    all.push(...readProblems, ...result.unmatched.map((u): Problem => ({ sheet: u.sheet, row: u.row, column: null, message: u.message, severity: 'warning' })),
      ...result.problems, ...(plan ? plan.problems : []));
    errors += fileErrors.length;
    unmatched += result.unmatched.length;
    if (!fileErrors.length && plan && !preview) {
      applyPlan(wb, plan);
      written += plan.append.length + plan.updates.length;
    }
  }
  io.stdout(`${report.join('\n').replace(/^\n/, '')}\n`);
  if (problemsFile) {
    writeProblemsFile(problemsFile, all);
    io.stdout(fullListHint(all, problemsFile));
  }
  if (preview) {
    io.stdout('\nПредварительный просмотр: книга не изменена. Чтобы импортировать, запустите ту же команду без --preview.\n');
    return errors ? 2 : 0;
  }
  if (errors) {
    io.stderr(`\nНайдено ${counted(errors, NOUN.error)}: книга не изменена. Исправьте файлы (или сопоставление --map) и запустите снова.\n`);
    return 2;
  }
  if (path.resolve(out) === path.resolve(into)) {
    const parts = await unsupportedParts(into);
    if (parts.length) {
      io.stderr(`В книге «${into}» есть ${parts.join(', ')}: при перезаписи они будут потеряны. Запишите результат в новую книгу: --out ${into.replace(/\.xlsx$/i, '')}-импорт.xlsx\n`);
      return 2;
    }
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  await writeBook(wb, out);
  const rest = intoFormat === 'xlsx' ? 'Остальные листы не изменены.' : `Книга «${into}» не изменена; в «${out}» — значения всех её листов (оформление листов ${intoFormat === 'ods' ? '.ods' : '.xls'} не переносится).`;
  io.stdout(`\nЗаписано ${counted(written, NOUN.row, 'acc')} в «${out}»${unmatched ? `; не сопоставлено ${unmatched} — они перечислены выше` : ''}. ${rest}\nДальше: shnor identify ${out}\n`);
  return 0;
}

export const importCommand = defineCommand({
  name: 'import',
  flags: ['preview', 'replace'],
  usage: `  shnor import ВИД ФАЙЛ… --into КНИГА.xlsx [--out НОВАЯ.xlsx|.ods] [--year ГГГГ] [--preview] [--replace] [--problems ФАЙЛ]
      ВИД        vpr — статистика ВПР по отметкам (по файлу на класс и предмет; можно несколько файлов);
                 vpr-pupils — «Индивидуальные результаты» ВПР (ученики сводятся по школам: средний
                 первичный балл, его отклонение, процент выполнения, корреляция с журналом);
                 vpr-journal — «Сравнение отметок с отметками по журналу» (понизили, подтвердили, повысили);
                 oge, ege — результаты ОГЭ / ЕГЭ по школам (лист на предмет или столбец «Предмет»);
                 exam — ОГЭ или ЕГЭ по заголовку файла; passport — социальные паспорта школ
      ФАЙЛ       выгрузка .xlsx, .ods, .xls (в том числе HTML или CSV с расширением .xls) или .csv
      --into     книга региона с листом «Школы»: строки добавляются на «Результаты» или
                 «Социальные показатели», остальные листы не меняются
                 (книга .ods или .xls не перезаписывается: результат — в КНИГА-импорт.ods или .xlsx)
      --out      записать результат в другую книгу .xlsx или .ods (по умолчанию — в ту же)
      --year, --grade, --subject, --procedure  если их нет в заголовке или имени файла
      --map      поправить сопоставление столбцов (oge, ege, exam, passport):
                 "Участников=D; Средний балл=Результат; Код ОО=-"
      --preview  показать, что и откуда будет прочитано, ничего не записывая
      --replace  заменить строки, которые в книге уже есть (тот же год, школа, показатель)
      --problems записать все ошибки и предупреждения в файл .csv (или .tsv); на экране —
                 не более ${counted(IMPORT_LIST_LIMIT, NOUN.error, 'gen')} и ${counted(IMPORT_LIST_LIMIT, NOUN.warning, 'gen')} на файл`,
  run: runImport,
});
