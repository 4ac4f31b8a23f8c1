/**
 * `shnor identify INPUT [--year YYYY] [--format json|table|xlsx] [--out FILE]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toContractJson } from '../../shared/contract';
import { identify } from '../../shared/method/identify';
import { outputSheets } from '../../shared/report-tables';
import type { Problem } from '../../shared/types';
import { type Args, type Command, InputError, type Io, checkOptions, yearOption } from '../command';
import { loadInput } from '../input';
import { summaryText } from '../summary-text';
import { writeOutputSheets } from '../xlsx';

export function problemLines(problems: Problem[]): string {
  return problems.map((p) => `  ${p.severity === 'error' ? 'Ошибка' : 'Предупреждение'}: ${p.message}`).join('\n');
}

async function runIdentify(args: Args, io: Io): Promise<number> {
  const [input] = args.positional;
  if (!input) throw new InputError('Укажите книгу .xlsx или папку с CSV-файлами: shnor identify ВХОД');
  checkOptions(args, ['year', 'format', 'out']);
  const format = args.options.format ?? (io.isTTY ? 'table' : 'json');
  if (!['json', 'table', 'xlsx'].includes(format)) throw new InputError(`--format: ожидалось json, table или xlsx, указано «${format}»`);
  if (format === 'xlsx' && !args.options.out) throw new InputError('Для --format xlsx укажите файл: --out результат.xlsx');
  const year = yearOption(args);
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
  usage: `  shnor identify ВХОД [--year ГГГГ] [--format json|table|xlsx] [--out ФАЙЛ]
      ВХОД       книга .xlsx (листы «Школы», «Результаты», «Социальные показатели», «Настройки»)
                 или папка с schools.csv, results.csv, social.csv, settings.csv
      --year     год идентификации (по умолчанию — из «Настроек» или последний год в данных)
      --format   table — краткая сводка (по умолчанию в терминале), json — полный результат,
                 xlsx — книга с исходными листами и листами результатов (нужен --out)
      --out      куда записать результат (для json — файл вместо экрана)`,
  run: runIdentify,
};
