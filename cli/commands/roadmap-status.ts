/**
 * `shnor roadmap-status FILE --date YYYY-MM-DD [--year YYYY] [--horizon DAYS] [--format text|json]`:
 * what is overdue, due and coming up in every roadmap table of a workbook, per responsible body.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { checkZipLimits } from '../xlsx-stream';
import { RM } from '../../shared/roadmap/messages';
import { type Roadmap, readRoadmaps } from '../../shared/roadmap/roadmap';
import { roadmapStatus } from '../../shared/roadmap/status-text';
import { type Args, type Command, InputError, type Io, checkOptions, dateOption } from '../command';
import { csvReadFailure, readCsv } from '../csv';
import { problemLines } from '../problems';
import { FORMAT_NAMES, detectFormat, readBookSheets } from '../workbook-read';
import { sheetToGrid } from '../xlsx';

async function readFileRoadmaps(file: string): Promise<Roadmap[]> {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new InputError(`Не найден файл «${file}»`);
  // The content decides, not the name: an «.xls» export may be HTML or CSV text.
  const format = /\.(csv|tsv|txt)$/i.test(file) ? 'text' : detectFormat(file);
  if (format === 'text') {
    // The same decoder as identify and import: UTF-8, Windows-1251 or UTF-16 «Текст Юникод».
    const csv = readCsv(file);
    const failure = csvReadFailure(csv.problems);
    if (failure) throw new InputError(failure);
    const roadmaps = readRoadmaps(csv.grid, path.basename(file));
    // What reading found (a quoted value over several lines) comes first among the warnings.
    if (roadmaps.length) roadmaps[0] = { ...roadmaps[0], problems: [...csv.problems, ...roadmaps[0].problems] };
    return roadmaps;
  }
  if (format === 'ods' || format === 'xls' || format === 'xml' || format === 'html') {
    try {
      const book = await readBookSheets(file, format, { merged: 'master' });
      return book.sheets.flatMap((s) => readRoadmaps(s.grid, s.name));
    } catch (e) {
      throw new InputError(`Не удалось прочитать файл «${file}» (${FORMAT_NAMES[format]}): ${(e as Error).message}`);
    }
  }
  if (format !== 'xlsx') throw new InputError(`Файл «${file}» — не книга .xlsx, .ods или .xls и не .csv (это ${FORMAT_NAMES[format]})`);
  // A zip bomb is refused before exceljs inflates anything (the zip's directory, cli/xlsx-stream.ts).
  const wb = new ExcelJS.Workbook();
  try {
    checkZipLimits(file);
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(`Не удалось прочитать книгу «${file}»: ${(e as Error).message}`);
  }
  return wb.worksheets.flatMap((ws) => readRoadmaps(sheetToGrid(ws), ws.name));
}

async function runRoadmapStatus(args: Args, io: Io): Promise<number> {
  checkOptions(args, ['date', 'year', 'horizon', 'format']);
  const [file] = args.positional;
  if (!file) throw new InputError('Укажите книгу с дорожной картой: shnor roadmap-status КНИГА.xlsx --date ДД.ММ.ГГГГ');
  const date = dateOption(args) ?? new Date().toISOString().slice(0, 10);
  let planYear: number | undefined;
  if (args.options.year !== undefined) {
    planYear = Number(args.options.year);
    if (!Number.isInteger(planYear) || planYear < 2000 || planYear > 2100) throw new InputError(`--year: ожидался год, например 2025, указано «${args.options.year}»`);
  }
  const horizon = args.options.horizon === undefined ? 30 : Number(args.options.horizon);
  if (!Number.isInteger(horizon) || horizon < 0 || horizon > 366) throw new InputError(`--horizon: ожидалось число дней от 0 до 366, указано «${args.options.horizon}»`);
  const format = args.options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format: ожидалось text или json, указано «${format}»`);
  const roadmaps = (await readFileRoadmaps(file)).filter((r) => r.items.length > 0);
  if (!roadmaps.length) throw new InputError(RM.noRoadmap(file));
  const report = roadmapStatus(roadmaps, { date, planYear, horizonDays: horizon, source: path.basename(file) });
  const warnings = roadmaps.flatMap((r) => r.problems).filter((p) => p.column !== 'Срок исполнения');
  if (warnings.length) {
    const lines = problemLines(warnings.map((p) => ({
      sheet: p.sheet, row: p.row, column: p.column || null, severity: 'warning' as const,
      message: p.column ? `Лист «${p.sheet}», строка ${p.row}, столбец «${p.column}»: ${p.message}` : p.message,
    })));
    io.stderr(`Предупреждения (${warnings.length}):\n${lines}\n`);
  }
  if (format === 'json') {
    const json = {
      date, horizonDays: horizon,
      bodies: report.bodies.map((b) => ({
        body: b.body, counts: b.counts,
        items: b.items.map((i) => ({
          sheet: i.item.sheet, row: i.item.row, number: i.item.number, activity: i.item.activity, deadline: i.item.deadlineText,
          status: i.item.status, state: i.state, start: i.window?.start ?? null, due: i.window?.due ?? null, days: i.days,
        })),
      })),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else io.stdout(report.text);
  return 0;
}

export const roadmapStatusCommand: Command = {
  name: 'roadmap-status',
  usage: `  shnor roadmap-status КНИГА.xlsx|.ods|.xls|ТАБЛИЦА.csv --date ДД.ММ.ГГГГ [--year ГГГГ] [--horizon ДНЕЙ] [--format text|json]
      что просрочено, что в работе и что предстоит по каждой таблице дорожной карты книги,
      по каждому ответственному исполнителю
      --date     дата проверки, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию — сегодня)
      --year     год для сроков без года («Апрель»), если над таблицей нет «Год дорожной карты»
      --horizon  «скоро» — в пределах стольких дней (по умолчанию 30)`,
  run: runRoadmapStatus,
};
