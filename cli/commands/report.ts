/**
 * `shnor report ВХОД --out справка.html [--cards карточки.html] [--recommendations рекомендации.xlsx]`:
 * the analytical note, the addressed recommendations as cards, and the recommendation sheets.
 */
import * as fs from 'fs';
import * as path from 'path';
import { identify } from '../../shared/method/identify';
import { NOUN, counted } from '../../shared/messages';
import { recommend } from '../../shared/recommendations/recommend';
import { recommendationSheets } from '../../shared/recommendations/sheet';
import { outputSheets } from '../../shared/report-tables';
import { analyticalNote, recommendationsDocument } from '../../shared/report/note';
import { fmtDate, todayText } from '../../shared/roadmap/dates';
import { type Args, type Command, InputError, type Io, checkOptions, dateOption, yearOption } from '../command';
import { loadInput } from '../input';
import { writeBook } from '../ods-write';
import { writeOutputSheets } from '../xlsx';
import { count, fullListHint, problemLines, writeProblemsFile } from '../problems';
import { problemsOption } from './identify';

function writeText(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

async function runReport(args: Args, io: Io): Promise<number> {
  const [input] = args.positional;
  if (!input) throw new InputError('Укажите книгу (.xlsx, .ods, .xls) или папку с CSV-файлами: shnor report ВХОД --out справка.html');
  checkOptions(args, ['year', 'out', 'cards', 'recommendations', 'region', 'by', 'date', 'problems']);
  const problemsFile = problemsOption(args);
  const { out, cards, recommendations } = args.options;
  if (!out && !cards && !recommendations) {
    throw new InputError('Укажите, что записать: --out справка.html (аналитическая справка), --cards карточки.html (карточки школ), --recommendations рекомендации.xlsx (листы рекомендаций)');
  }
  if (out && !/\.html?$/i.test(out)) throw new InputError(`--out: справка записывается в файл .html, указано «${out}»`);
  if (cards && !/\.html?$/i.test(cards)) throw new InputError(`--cards: карточки записываются в файл .html, указано «${cards}»`);
  if (recommendations && !/\.(xlsx|ods)$/i.test(recommendations)) throw new InputError(`--recommendations: рекомендации записываются в книгу .xlsx или .ods, указано «${recommendations}»`);
  const year = yearOption(args);
  const loaded = await loadInput(input);
  const result = identify(loaded.tables, { year });
  const all = [...loaded.problems, ...result.problems];
  if (problemsFile) writeProblemsFile(problemsFile, all);
  if (loaded.problems.length) io.stderr(`При чтении файлов:\n${problemLines(loaded.problems)}\n`);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.ok) {
    io.stderr(`Во входных данных ${counted(errors.length, NOUN.error)}; справка не сформирована. Исправьте и запустите снова:\n${problemLines(errors)}\n`);
    io.stderr(fullListHint(all, problemsFile));
    return 2;
  }
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  if (warnings.length) io.stderr(`Предупреждения (${count(warnings.length)}) — они перечислены и в справке:\n${problemLines(warnings)}\n`);
  io.stderr(fullListHint(all, problemsFile));
  const rec = recommend(result, { tables: loaded.tables });
  const meta = { regionName: args.options.region, preparedBy: args.options.by, preparedOn: ((d) => (d ? fmtDate(d) : todayText()))(dateOption(args)) };
  const lines: string[] = [];
  if (out) {
    writeText(out, analyticalNote(result, { ...meta, recommendations: rec, cardsFile: cards ? path.basename(cards) : null }));
    lines.push(`Аналитическая справка: ${out}${cards ? '' : ' (карточки школ — в приложении А)'}`);
  }
  if (cards) {
    writeText(cards, recommendationsDocument(result, rec, meta));
    lines.push(`Карточки школ с рекомендациями: ${cards}`);
  }
  if (recommendations) {
    const wb = await loaded.workbook();
    const sheets = [...outputSheets(result), ...recommendationSheets(rec)];
    writeOutputSheets(wb, sheets);
    fs.mkdirSync(path.dirname(path.resolve(recommendations)), { recursive: true });
    await writeBook(wb, recommendations);
    lines.push(`Книга с листами ${sheets.map((s) => `«${s.name}»`).join(', ')}: ${recommendations}`);
  }
  const municipalities = rec.municipalities.filter((m) => m.cards > 0).length;
  io.stdout(`Идентификация ${result.year} года: карточки с мерами подготовлены для ${counted(rec.cards.length, NOUN.school, 'gen')} из перечней ШНОР и ШФНСУ; рекомендации — для ${counted(municipalities, NOUN.municipality, 'gen')}.\n${lines.join('\n')}\n`);
  return 0;
}

export const reportCommand: Command = {
  name: 'report',
  usage: `  shnor report ВХОД [--year ГГГГ] --out справка.html [--cards карточки.html] [--recommendations рекомендации.xlsx]
                     [--region «Название региона»] [--by «Организация»] [--date ДД.ММ.ГГГГ] [--problems ФАЙЛ]
      --out              аналитическая справка: один файл HTML (графики внутри, печать на A4);
                         без --cards карточки школ войдут в её приложение
      --cards            карточки ШНОР и ШФНСУ с рекомендуемыми мерами — отдельным файлом HTML
      --recommendations  книга .xlsx или .ods: исходные листы, листы идентификации и листы
                         «Рекомендации ГГГГ», «Рекомендации МОУО ГГГГ»
      --region, --by, --date  название региона, организация и дата для титула справки (дата — ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)
      --problems         записать все ошибки и предупреждения в файл .csv (или .tsv)`,
  run: runReport,
};
