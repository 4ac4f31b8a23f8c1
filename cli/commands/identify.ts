/**
 * `shnor identify INPUT [--year YYYY] [--format json|table|xlsx] [--out FILE] [--problems FILE]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toContractJson } from '../../shared/contract';
import { identify } from '../../shared/method/identify';
import { outputSheets } from '../../shared/report-tables';
import { NOUN, counted } from '../../shared/messages';
import { type Args, type Command, InputError, type Io, checkOptions, yearOption } from '../command';
import { loadInput } from '../input';
import { count, fullListHint, problemLines, writeProblemsFile } from '../problems';
import { summaryText } from '../summary-text';
import { writeBook } from '../ods-write';
import { writeOutputSheets } from '../xlsx';

export { problemLines } from '../problems';

/** `--problems FILE`: a file for the full list of problems (CSV, or TSV for .tsv / .txt). */
export function problemsOption(args: Args): string | undefined {
  const file = args.options.problems;
  if (file !== undefined && !/\.(csv|tsv|txt)$/i.test(file)) throw new InputError(`--problems: список проблем записывается в файл .csv, .tsv или .txt, указано «${file}»`);
  return file;
}

async function runIdentify(args: Args, io: Io): Promise<number> {
  const [input] = args.positional;
  if (!input) throw new InputError('Укажите книгу (.xlsx, .ods, .xls) или папку с CSV-файлами: shnor identify ВХОД');
  checkOptions(args, ['year', 'format', 'out', 'problems']);
  const problemsFile = problemsOption(args);
  // A book's extension in --out says the format when --format is not given: --out результат.ods.
  const bookOut = /\.(xlsx|ods)$/i.exec(args.options.out ?? '')?.[1].toLowerCase();
  const format = args.options.format ?? bookOut ?? (io.isTTY ? 'table' : 'json');
  if (!['json', 'table', 'xlsx', 'ods'].includes(format)) throw new InputError(`--format: ожидалось json, table, xlsx или ods, указано «${format}»`);
  if ((format === 'xlsx' || format === 'ods') && !args.options.out) throw new InputError(`Для --format ${format} укажите файл: --out результат.${format}`);
  if ((format === 'xlsx' || format === 'ods') && bookOut && bookOut !== format) throw new InputError(`--format ${format}, а --out «${args.options.out}» — файл .${bookOut}: укажите одно и то же (или не указывайте --format)`);
  if (format === 'ods' && !/\.ods$/i.test(args.options.out!)) throw new InputError(`--format ods: файл --out должен оканчиваться на .ods, указано «${args.options.out}»`);
  const year = yearOption(args);
  const loaded = await loadInput(input);
  const result = identify(loaded.tables, { year });
  // What reading the files found comes first: the problems after it may follow from it.
  const all = [...loaded.problems, ...result.problems];
  if (problemsFile) writeProblemsFile(problemsFile, all);
  if (loaded.problems.length) io.stderr(`При чтении файлов:\n${problemLines(loaded.problems)}\n`);
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  if (!result.ok) {
    io.stderr(`Во входных данных ${counted(errors.length, NOUN.error)}; идентификация не выполнена. Исправьте и запустите снова:\n${problemLines(errors)}\n`);
    if (warnings.length) io.stderr(`Также предупреждения:\n${problemLines(warnings)}\n`);
    io.stderr(fullListHint(all, problemsFile));
    return 2;
  }
  if (warnings.length) io.stderr(`Предупреждения (${count(warnings.length)}):\n${problemLines(warnings)}\n`);
  io.stderr(fullListHint(all, problemsFile));
  const out = args.options.out;
  if (format === 'json') {
    const json = `${JSON.stringify(toContractJson({ ...result, problems: all }), null, 2)}\n`;
    if (out) {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, json);
      io.stdout(`Результат записан в ${out}\n`);
    } else io.stdout(json);
    return 0;
  }
  if (format === 'xlsx' || format === 'ods') {
    const wb = await loaded.workbook();
    writeOutputSheets(wb, outputSheets(result));
    fs.mkdirSync(path.dirname(path.resolve(out!)), { recursive: true });
    await writeBook(wb, out!);
  }
  io.stdout(`${summaryText(result)}\n`);
  if (out) io.stdout(`Книга с результатами: ${out}\n`);
  return 0;
}

export const identifyCommand: Command = {
  name: 'identify',
  usage: `  shnor identify ВХОД [--year ГГГГ] [--format json|table|xlsx|ods] [--out ФАЙЛ] [--problems ФАЙЛ]
      ВХОД       книга .xlsx, .ods или .xls (листы «Школы», «Результаты», «Социальные показатели», «Настройки»)
                 или папка с schools.csv, results.csv, social.csv, settings.csv
                 (UTF-8, Windows-1251 или UTF-16 «Текст Юникод»; «;», «,» или табуляция)
      --year     год идентификации (по умолчанию — из «Настроек» или последний год в данных)
      --format   table — краткая сводка (по умолчанию в терминале), json — полный результат,
                 xlsx, ods — книга с исходными листами и листами результатов (нужен --out;
                 --out результат.ods или результат.xlsx сам задаёт формат)
      --out      куда записать результат (для json — файл вместо экрана)
      --problems записать все ошибки и предупреждения в файл .csv (или .tsv); на экране —
                 первые по каждому листу и столбцу и сколько ещё`,
  run: runIdentify,
};
