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
  if (!input) throw new InputError('Укажите книгу .xlsx или папку с CSV-файлами: shnor identify ВХОД');
  checkOptions(args, ['year', 'format', 'out', 'problems']);
  const problemsFile = problemsOption(args);
  const format = args.options.format ?? (io.isTTY ? 'table' : 'json');
  if (!['json', 'table', 'xlsx'].includes(format)) throw new InputError(`--format: ожидалось json, table или xlsx, указано «${format}»`);
  if (format === 'xlsx' && !args.options.out) throw new InputError('Для --format xlsx укажите файл: --out результат.xlsx');
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
  if (format === 'xlsx') {
    const wb = await loaded.workbook();
    writeOutputSheets(wb, outputSheets(result));
    fs.mkdirSync(path.dirname(path.resolve(out!)), { recursive: true });
    await wb.xlsx.writeFile(out!);
  }
  io.stdout(`${summaryText(result)}\n`);
  if (out) io.stdout(`Книга с результатами: ${out}\n`);
  return 0;
}

export const identifyCommand: Command = {
  name: 'identify',
  usage: `  shnor identify ВХОД [--year ГГГГ] [--format json|table|xlsx] [--out ФАЙЛ] [--problems ФАЙЛ]
      ВХОД       книга .xlsx (листы «Школы», «Результаты», «Социальные показатели», «Настройки»)
                 или папка с schools.csv, results.csv, social.csv, settings.csv
                 (UTF-8, Windows-1251 или UTF-16 «Текст Юникод»; «;», «,» или табуляция)
      --year     год идентификации (по умолчанию — из «Настроек» или последний год в данных)
      --format   table — краткая сводка (по умолчанию в терминале), json — полный результат,
                 xlsx — книга с исходными листами и листами результатов (нужен --out)
      --out      куда записать результат (для json — файл вместо экрана)
      --problems записать все ошибки и предупреждения в файл .csv (или .tsv); на экране —
                 первые по каждому листу и столбцу и сколько ещё`,
  run: runIdentify,
};
