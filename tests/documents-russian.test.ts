/**
 * The documents an official signs (issue 16): numerals that agree with their nouns for 0–200 and
 * in the demo, counts that agree with each other in the note, one term per notion in every rendered
 * output and in the user-facing sources, on the demo region and on a region with 21 errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { identify } from '../shared/method/identify';
import { CATEGORY, type CountedNoun, type GrammaticalCase, MSG, NOUN, categoryName, counted, plural } from '../shared/messages';
import { outputSheets } from '../shared/report-tables';
import { recommend } from '../shared/recommendations/recommend';
import { recommendationSheets } from '../shared/recommendations/sheet';
import { analyticalNote, recommendationsDocument } from '../shared/report/note';
import type { OutputSheet } from '../shared/report-tables';
import { summaryText } from '../cli/summary-text';
import { outcomeMessage } from '../gas/identification';
import { generateRegion } from '../examples/demo-region';
import { DEMO_XLSX, ROOT, shnor, tempDir, writeCsvFolder } from './cli/run-cli';
import { noteCategoryCount } from './helpers/note';
import { forbiddenTerms, formsAfter, htmlText, numeralClass, wrongNumerals } from './helpers/russian';
import type { Grid } from '../shared/types';

const CASES: GrammaticalCase[] = ['nom', 'acc', 'gen', 'dat', 'ins', 'loc'];
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function sheetTexts(sheets: OutputSheet[]): string {
  return sheets.flatMap((s) => [s.name, ...s.title, ...s.blocks.flatMap((b) => [b.caption ?? '', b.header.join('\n'), ...b.rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join('\n'))])]).join('\n');
}

describe('one plural: the forms against the grammar table, 0–200, in every case the texts use', () => {
  test('the issue\'s table: 1, 21, 101 → singular; 2–4, 22–24 → «школы»; 5–20, 25–30, 111–114 → «школ»', () => {
    for (const n of [1, 21, 101, 121, 201]) expect([n, plural(n, NOUN.school)]).toEqual([n, 'школа']);
    for (const n of [2, 3, 4, 22, 23, 24, 102, 134]) expect([n, plural(n, NOUN.school)]).toEqual([n, 'школы']);
    for (const n of [0, ...range(5, 20), ...range(25, 30), ...range(111, 114), 200]) expect([n, plural(n, NOUN.school)]).toEqual([n, 'школ']);
    // The cases: «для 21 школы», «для 22 школ», «21 школе», «в 22 школах», «выделяет 21 школу», «выделяет 22 школы».
    expect([21, 22, 25].map((n) => counted(n, NOUN.school, 'gen'))).toEqual(['21 школы', '22 школ', '25 школ']);
    expect([21, 22, 25].map((n) => counted(n, NOUN.school, 'dat'))).toEqual(['21 школе', '22 школам', '25 школам']);
    expect([21, 22, 25].map((n) => counted(n, NOUN.school, 'loc'))).toEqual(['21 школе', '22 школах', '25 школах']);
    expect([21, 22, 25].map((n) => counted(n, NOUN.school, 'acc'))).toEqual(['21 школу', '22 школы', '25 школ']);
    expect([1, 2, 5, 21].map((n) => counted(n, NOUN.participant, 'gen'))).toEqual(['1 участника', '2 участников', '5 участников', '21 участника']);
    expect([1, 2, 5].map((n) => counted(n, NOUN.year, 'gen'))).toEqual(['1 года', '2 лет', '5 лет']);
    expect(counted(1762, NOUN.error)).toBe('1 762 ошибки');
    expect(counted(21, NOUN.error)).toBe('21 ошибка');
  });

  test('every noun in every case it declares, 0–200: the form of its class', () => {
    for (const [name, word] of Object.entries(NOUN as Record<string, CountedNoun>)) {
      for (const c of CASES) {
        const forms = word[c];
        if (!forms) {
          expect(() => plural(1, word, c)).toThrow();
          continue;
        }
        for (const n of range(0, 200)) {
          const k = numeralClass(n);
          const want = forms.length === 3 ? forms[k === 'one' ? 0 : k === 'few' ? 1 : 2] : forms[k === 'one' ? 0 : 1];
          expect([name, c, n, plural(n, word, c)]).toEqual([name, c, n, want]);
          expect(formsAfter(n, word).has(plural(n, word, c))).toBe(true);
        }
      }
    }
  });

  test('the counted messages, 0–200: no form wrong in every case', () => {
    const texts = range(0, 200).flatMap((n) => [
      MSG.missingFactorValues(n), MSG.codeFromNumber(n),
      ...Object.values(NOUN as Record<string, CountedNoun>).flatMap((w) => CASES.filter((c) => w[c]).map((c) => counted(n, w, c))),
    ]);
    expect(wrongNumerals(texts.join('\n'))).toEqual([]);
    // The checker itself finds what the issue saw.
    expect(wrongNumerals('Во входных данных 21 ошибок; 1 участников, 141 участников; выделяет 51 школа; до 1 школ; от 21 участников').length).toBe(5);
  });

  test('no text picks its forms by hand: every plural goes through the NOUN table', () => {
    const files = ['shared', 'cli', 'wizard', 'gas', 'addin', 'examples'].flatMap((d) => walk(path.join(ROOT, d))).filter((f) => f.endsWith('.ts'));
    const legacy = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      .filter(([, , l]) => /plural\([^)]*'[^']*',\s*'[^']*',\s*'/.test(l))
      .map(([f, i]) => `${path.relative(ROOT, f)}:${i}`);
    expect(legacy).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the demo region: the note, the cards, both workbooks and the command line', () => {
  const tables = generateRegion();
  const result = identify(tables);
  const rec = recommend(result, { tables });
  const note = analyticalNote(result, { regionName: 'Демонстрационная область', recommendations: rec });
  const cards = recommendationsDocument(result, rec, { regionName: 'Демонстрационная область' });
  const dir = tempDir('shnor-russian-');
  let cli = '';
  let books = '';
  beforeAll(async () => {
    const id = shnor(['identify', DEMO_XLSX, '--format', 'xlsx', '--out', path.join(dir, 'x.xlsx')]);
    const rep = shnor(['report', DEMO_XLSX, '--out', path.join(dir, 'note.html'), '--cards', path.join(dir, 'cards.html'), '--recommendations', path.join(dir, 'rec.xlsx'), '--region', 'Демонстрационная область']);
    expect([id.status, rep.status]).toEqual([0, 0]);
    cli = [id.stdout, id.stderr, rep.stdout, rep.stderr, shnor(['--help']).stdout, shnor(['report', '--help']).stdout].join('\n');
    const texts: string[] = [];
    for (const file of ['x.xlsx', 'rec.xlsx']) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, file));
      wb.eachSheet((ws) => {
        texts.push(ws.name);
        ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') texts.push(cell.value); }));
      });
    }
    books = texts.join('\n');
  });

  test('no numeral form wrong in every case', () => {
    expect(wrongNumerals(htmlText(note))).toEqual([]);
    expect(wrongNumerals(htmlText(cards))).toEqual([]);
    expect(wrongNumerals(sheetTexts([...outputSheets(result), ...recommendationSheets(rec)]))).toEqual([]);
    expect(wrongNumerals(books)).toEqual([]);
    expect(wrongNumerals(cli)).toEqual([]);
    expect(wrongNumerals(summaryText(result))).toEqual([]);
  });

  test('no forbidden term variant', () => {
    expect(forbiddenTerms(htmlText(note))).toEqual([]);
    expect(forbiddenTerms(htmlText(cards))).toEqual([]);
    expect(forbiddenTerms(books)).toEqual([]);
    expect(forbiddenTerms(cli)).toEqual([]);
  });

  test('the headline counts are the sums of the categories they cover, and every repeated count is the same', () => {
    const kpi = (label: string) => Number(new RegExp(`<div class="v">(\\d+)</div><div class="l">${label}`).exec(note)![1]);
    const only = noteCategoryCount(note, CATEGORY.lowResults)!;
    const onlySocial = noteCategoryCount(note, CATEGORY.lowSocial)!;
    const both = noteCategoryCount(note, CATEGORY.both)!;
    expect(only + onlySocial + both).toBeGreaterThan(0);
    expect(kpi('в перечне ШНОР')).toBe(only + both);
    expect(kpi('в перечне ШФНСУ')).toBe(onlySocial + both);
    expect(kpi('в обоих перечнях')).toBe(both);
    expect(kpi('школ[аы]? в перечнях всего')).toBe(only + onlySocial + both);
    // The same numbers in the text, the annexes' captions, the scatter legend and the «Свод» total row.
    const text = htmlText(note);
    expect(text).toContain(`В перечень ШНОР включено: \n${counted(only + both, NOUN.school)}`);
    expect(text).toContain(`Приложение 1. Школы с низкими образовательными результатами (ШНОР) — ${counted(only + both, NOUN.school)}`);
    expect(text).toContain(`Приложение 2. Школы, функционирующие в неблагоприятных социальных условиях (ШФНСУ) — ${counted(onlySocial + both, NOUN.school)}`);
    for (const [c, n] of [[CATEGORY.lowResults, only], [CATEGORY.lowSocial, onlySocial], [CATEGORY.both, both]] as const) {
      expect(note).toMatch(new RegExp(`>${categoryName(c)} \\(\\d+ из ${n}\\)<`));
    }
    expect(text).toContain(`Перечень ШНОР (${only + both}) составляют категории «только ШНОР» и «ШНОР и ШФНСУ», перечень ШФНСУ (${onlySocial + both})`);
    // Tallied from the schools, not from the note: the note's numbers are the run's.
    expect(only).toBe(result.schools.filter((s) => s.category === CATEGORY.lowResults).length);
    expect(both).toBe(result.schools.filter((s) => s.category === CATEGORY.both).length);
    // No category is named bare «ШНОР» or «ШФНСУ» where categories are counted side by side.
    expect(note).not.toMatch(/<span class="cat"[^>]*>ШНОР<\/span>/);
    expect(note).not.toMatch(/<span class="cat"[^>]*>ШФНСУ<\/span>/);
    expect(note).not.toMatch(/>ШНОР \(\d+( из \d+)?\)</);
  });

  test('abbreviations: the list in both documents, «(далее — …)» at first use, ИСБШ written out before it is used in running text', () => {
    for (const doc of [note, cards]) {
      expect(doc).toContain('<h2>Список сокращений</h2>');
      for (const a of ['ШНОР', 'ШФНСУ', 'ИСБШ', 'ВПР', 'ОГЭ', 'ЕГЭ', 'ОО', 'МОУО', 'ИРО', 'КДН и ПДН', 'ОВЗ', 'ДИ']) expect(doc).toContain(`<tr><td><b>${a}</b></td>`);
      for (const t of ['Доверительный интервал (ДИ)', 'Стандартная ошибка', 'z', 'σ (сигма)', 'β (бета)', 'p', 'R²']) expect(doc).toContain(`<tr><td><b>${t}</b></td>`);
    }
    const body = htmlText(note.slice(note.indexOf('<section id="summary">')));
    const first = body.indexOf('ИСБШ');
    expect(body.slice(first - 60, first)).toContain('индекс социального благополучия школы (далее — ');
    expect(body).toContain('школ с низкими образовательными результатами (далее — ШНОР)');
    expect(htmlText(cards)).toContain('(далее — ШНОР)');
  });

  test('each «Обоснование» ends with its conclusion in words', () => {
    for (const s of result.schools) expect(s.reason).toMatch(/; вывод: [^;]+$/);
    const low = result.schools.find((s) => s.ciHigh !== null && s.ciHigh < 1)!;
    expect(low.reason).toContain('вывод: индекс качества значимо ниже среднего по региону');
    const within = result.schools.find((s) => s.ciLow !== null && s.ciHigh !== null && s.ciLow < 1 && s.ciHigh > 1)!;
    expect(within.reason).toContain('в пределах статистической погрешности');
  });
});

describe('the demo data spells «ё» consistently', () => {
  test('no word of the demo region is written both with «е» and with «ё»', () => {
    const tables = generateRegion();
    const words = new Map<string, Set<string>>();
    for (const grid of [tables.schools, tables.results, tables.social!, tables.settings!]) {
      for (const row of grid) for (const cell of row) {
        for (const w of String(cell ?? '').match(/[А-Яа-яЁё]+/g) ?? []) {
          const key = w.toLowerCase().replace(/ё/g, 'е');
          words.set(key, (words.get(key) ?? new Set()).add(w.toLowerCase()));
        }
      }
    }
    expect([...words.values()].filter((v) => v.size > 1).map((v) => [...v].join(' / '))).toEqual([]);
    // The place names a Russian reader expects with «ё».
    const names = tables.schools.map((r) => String(r[1])).join('\n');
    expect(names).not.toMatch(/Зеленый|Федоровка|Березовка|Озерн/);
  });
});

describe('a region with 21 errors', () => {
  const tables = generateRegion();
  const results = tables.results.map((r) => [...r]) as Grid;
  const n = results[0].indexOf('Участников');
  for (let r = 1; r <= 21; r++) results[r][n] = -5;
  const spoiled = { ...tables, results };
  const result = identify(spoiled);
  const dir = tempDir('shnor-21-');
  const toCsv = (g: Grid) => g.map((row) => row.map((c) => (c === null || c === undefined ? '' : String(c).replace('.', ','))));

  test('the messages say «21 ошибка» everywhere, with no wrong form', () => {
    expect(result.problems.filter((p) => p.severity === 'error').length).toBe(21);
    writeCsvFolder(dir, { 'schools.csv': toCsv(spoiled.schools), 'results.csv': toCsv(results), 'social.csv': toCsv(spoiled.social!), 'settings.csv': toCsv(spoiled.settings!) });
    const id = shnor(['identify', dir]);
    const rep = shnor(['report', dir, '--out', path.join(dir, 'note.html')]);
    expect([id.status, rep.status]).toEqual([2, 2]);
    const texts = [id.stderr, rep.stderr, htmlText(analyticalNote(result)), outcomeMessage(result)];
    for (const t of texts) expect(t).toContain('21 ошибка');
    expect(wrongNumerals(texts.join('\n'))).toEqual([]);
    expect(forbiddenTerms(texts.join('\n'))).toEqual([]);
  });
});

describe('the user-facing sources say the same things in the same words', () => {
  const docs = [path.join(ROOT, 'gas', 'help.html'), path.join(ROOT, 'addin', 'help.html'), ...walk(path.join(ROOT, 'docs', 'ru'))];
  test.each(docs.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    expect(forbiddenTerms(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  test('the texts in the code (not comments; the seed documents are quoted as they are)', () => {
    const files = ['shared', 'cli', 'wizard', 'gas', 'addin'].flatMap((d) => walk(path.join(ROOT, d)))
      .filter((f) => /\.(ts|html)$/.test(f) && !/seed-/.test(f));
    const found = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      // Comments are developers' (JSDoc of the spreadsheet functions is what users read: kept in).
      .filter(([f, , l]) => /(addin\/functions\/functions|gas\/main)\.ts$/.test(f) || !/^\s*(\/\/|\/?\*)/.test(l))
      // The settings sheet still reads the earlier wording as an alias.
      .filter(([, , l]) => !/aliases|RegExp|\/\^\(\?:Перечни\|Списки\)/.test(l))
      .flatMap(([f, i, l]) => forbiddenTerms(l).map((t) => `${path.relative(ROOT, f)}:${i}: ${t}`));
    expect(found).toEqual([]);
  });
});
