/**
 * The `shnor` command line: the same identification as the spreadsheets, on a file or a folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toContractJson } from '../shared/contract';
import { identify } from '../shared/identify';
import { outputSheets } from '../shared/report-tables';
import type { Problem } from '../shared/types';
import { InputError, loadInput } from './input';
import { summaryText } from './summary-text';
import { writeOutputSheets } from './xlsx';

export const USAGE = `ШНОР Монитор — идентификация школ с низкими образовательными результатами (ШНОР)
и школ, функционирующих в неблагоприятных социальных условиях (ШФНСУ).

Использование:
  shnor identify ВХОД [--year ГГГГ] [--format json|table|xlsx] [--out ФАЙЛ]

  ВХОД       книга .xlsx (листы «Школы», «Результаты», «Социальные показатели», «Настройки»)
             или папка с schools.csv, results.csv, social.csv, settings.csv
  --year     год идентификации (по умолчанию — из «Настроек» или последний год в данных)
  --format   table — краткая сводка (по умолчанию в терминале), json — полный результат,
             xlsx — книга с исходными листами и листами результатов (нужен --out)
  --out      куда записать результат (для json — файл вместо экрана)

Коды завершения: 0 — готово (предупреждения перечислены), 2 — ошибки во входных данных
(перечислены все, с листом, строкой и столбцом), 1 — внутренняя ошибка программы.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY,
};

interface Args {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') options.help = 'yes';
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new InputError(`Параметру ${a} нужно значение`);
        options[a.slice(2)] = value;
        i++;
      }
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options };
}

function problemLines(problems: Problem[]): string {
  return problems.map((p) => `  ${p.severity === 'error' ? 'Ошибка' : 'Предупреждение'}: ${p.message}`).join('\n');
}

async function runIdentify(args: Args, io: Io): Promise<number> {
  const [input] = args.positional;
  if (!input) throw new InputError('Укажите книгу .xlsx или папку с CSV-файлами: shnor identify ВХОД');
  const known = new Set(['year', 'format', 'out', 'help']);
  const unknown = Object.keys(args.options).filter((k) => !known.has(k));
  if (unknown.length) throw new InputError(`Неизвестный параметр: ${unknown.map((k) => `--${k}`).join(', ')}`);
  const format = args.options.format ?? (io.isTTY ? 'table' : 'json');
  if (!['json', 'table', 'xlsx'].includes(format)) throw new InputError(`--format: ожидалось json, table или xlsx, указано «${format}»`);
  if (format === 'xlsx' && !args.options.out) throw new InputError('Для --format xlsx укажите файл: --out результат.xlsx');
  let year: number | undefined;
  if (args.options.year !== undefined) {
    year = Number(args.options.year);
    if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InputError(`--year: ожидался год, например 2025, указано «${args.options.year}»`);
  }
  const loaded = await loadInput(input);
  const result = identify(loaded.tables, { year });
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  if (!result.ok) {
    io.stderr(`Во входных данных ${errors.length} ${errors.length === 1 ? 'ошибка' : errors.length < 5 ? 'ошибки' : 'ошибок'}; идентификация не выполнена. Исправьте и запустите снова:\n${problemLines(errors)}\n`);
    if (warnings.length) io.stderr(`Также предупреждения:\n${problemLines(warnings)}\n`);
    return 2;
  }
  if (warnings.length) io.stderr(`Предупреждения (${warnings.length}):\n${problemLines(warnings)}\n`);
  const out = args.options.out;
  if (format === 'json') {
    const json = `${JSON.stringify(toContractJson(result), null, 2)}\n`;
    if (out) {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, json);
      io.stdout(`Результат записан в ${out}\n`);
    } else io.stdout(json);
    return 0;
  }
  if (format === 'xlsx') {
    const wb = loaded.workbook();
    writeOutputSheets(wb, outputSheets(result));
    fs.mkdirSync(path.dirname(path.resolve(out!)), { recursive: true });
    await wb.xlsx.writeFile(out!);
  }
  io.stdout(`${summaryText(result)}\n`);
  if (out) io.stdout(`Книга с результатами: ${out}\n`);
  return 0;
}

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (!args.command || args.options.help || args.command === 'help') {
      io.stdout(`${USAGE}\n`);
      return args.command || args.options.help ? 0 : 2;
    }
    if (args.command === 'identify') return await runIdentify(args, io);
    throw new InputError(`Неизвестная команда «${args.command}». ${USAGE}`);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    io.stderr(`Внутренняя ошибка программы: ${(e as Error).message}\nСообщите разработчикам; подробности — с переменной SHNOR_DEBUG=1.\n`);
    if (process.env.SHNOR_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 1;
  }
}
