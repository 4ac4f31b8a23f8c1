/**
 * The deadline reader on every deadline written in the seed documents (tests/fixtures/roadmap/
 * seed-deadlines.json, extracted by hand with its place in the seed), and due dates worked out by hand.
 * The seeds' text is checked against tests/fixtures/roadmap/seeds/: the lines of each seed these
 * tests need, copied verbatim under «@@ first-last @@» headers giving their line numbers in the seed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { dueWindows, parseDeadline } from '../shared/roadmap/deadline';

interface FixtureRow { text: string; file: string; where: string; kind: string }
const fixture: { deadlines: FixtureRow[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures/roadmap/seed-deadlines.json'), 'utf8'),
);

/** A seed excerpt: its runs of consecutive lines, each with the seed's number of its first line. */
function seedExcerpt(file: string): { from: number; to: number; lines: string[] }[] {
  const runs: { from: number; to: number; lines: string[] }[] = [];
  const text = fs.readFileSync(path.join(__dirname, 'fixtures/roadmap/seeds', file), 'utf8');
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const head = /^@@ (\d+)-(\d+) @@$/.exec(line);
    if (head) runs.push({ from: Number(head[1]), to: Number(head[2]), lines: [] });
    else runs[runs.length - 1].lines.push(line);
  }
  for (const r of runs) {
    if (r.lines.length !== r.to - r.from + 1) throw new Error(`${file}: «@@ ${r.from}-${r.to} @@» holds ${r.lines.length} lines`);
  }
  return runs;
}
/** Lines from..to of a seed (its own numbering); throws when the excerpt lacks any of them. */
function seedLines(file: string, from: number, to: number): string[] {
  const run = seedExcerpt(file).find((r) => r.from <= from && to <= r.to);
  if (!run) throw new Error(`tests/fixtures/roadmap/seeds/${file} has no lines ${from}-${to} of the seed`);
  return run.lines.slice(from - run.from, to - run.from + 1);
}

describe('every deadline written in the seeds', () => {
  test('the fixture covers all five seeds', () => {
    expect(new Set(fixture.deadlines.map((d) => d.file.slice(0, 3)))).toEqual(new Set(['000', '001', '002', '003', '004']));
    expect(fixture.deadlines.length).toBeGreaterThanOrEqual(90);
  });

  test.each(fixture.deadlines.map((d) => [d.text, d.where, d]))('«%s» (%s)', (_text, _where, row) => {
    const d = parseDeadline((row as FixtureRow).text);
    const expected = (row as FixtureRow).kind;
    expect(d.kind).toBe(expected);
    if (expected === 'unknown' || expected === 'empty') {
      // Flagged: kept as written, a Russian explanation, and no dates at all.
      expect(d.problem).toMatch(/[а-я]/);
      expect(d.rules).toEqual([]);
      expect(dueWindows(d, '2015-01-01', '2030-12-31', { planYear: 2021 })).toEqual([]);
      expect(d.text).toBe((row as FixtureRow).text.trim());
    } else {
      expect(d.problem).toBeNull();
      expect(d.reading).toMatch(/[а-я0-9]/);
    }
  });

  const squash = (s: string) => s.replace(/<[^>]+>/g, '').replace(/[\s\-–—]+/g, '').toLowerCase();
  test('each fixture text stands in its seed (spaces, line and word breaks aside)', () => {
    for (const d of fixture.deadlines) {
      if (!d.text) continue;
      const runs = seedExcerpt(d.file).map((r) => squash(r.lines.join('\n')));
      expect({ text: d.text, found: runs.some((r) => r.includes(squash(d.text))) }).toEqual({ text: d.text, found: true });
    }
  });

  /** Deadline cells of the tab-separated roadmap tables of seeds 001 (§ 8) and 003, read from their excerpts. */
  function tableDeadlines(file: string, from: number, to: number, column: (cells: string[]) => string | null): string[] {
    const lines = seedLines(file, from, to);
    const out: string[] = [];
    for (const line of lines) {
      const cells = line.split('\t').map((c) => c.replace(/<[^>]+>/g, '').trim());
      if (cells.length < 3 || !/^\d+\.\d*\.?(\s|$)/.test(cells[0])) continue;
      const cell = column(cells);
      if (cell !== null) out.push(cell);
    }
    return out;
  }

  test('no deadline cell of the tables of seeds 001 and 003 is missing from the fixture', () => {
    const texts = new Set(fixture.deadlines.map((d) => d.text));
    const s001 = tableDeadlines('001_6d550c970a31ede6.txt', 318, 345, (c) => c[3] ?? null);
    // Seed 003 mixes two layouts: «№ | мероприятие | срок | …» and «№ мероприятие | срок | …» (HTML rows).
    const s003 = tableDeadlines('003_c2b86f8a95131398.txt', 60, 108, (c) => (/^\d+\.\d+\.?\s+\S/.test(c[0]) ? c[1] : c[2]));
    expect(s001).toHaveLength(20);
    expect(s003.length).toBeGreaterThanOrEqual(33);
    for (const t of [...s001, ...s003]) expect({ t, inFixture: texts.has(t) }).toEqual({ t, inFixture: true });
  });
});

describe('due dates, worked out by hand', () => {
  const year = (text: string, y: number, planYear: number | null = null) =>
    dueWindows(parseDeadline(text), `${y}-01-01`, `${y}-12-31`, { planYear });

  test('a month and a range without a year fall in the roadmap year', () => {
    expect(year('Апрель', 2020, 2020)).toEqual([{ start: '2020-04-01', due: '2020-04-30' }]);
    expect(year('Сентябрь-декабрь', 2020, 2020)).toEqual([{ start: '2020-09-01', due: '2020-12-31' }]);
    expect(year('Апрель', 2021, 2020)).toEqual([]);
    expect(year('Апрель', 2020, null)).toEqual([]);
  });

  test('dates and periods with a year', () => {
    expect(year('в срок до 29 января 2021 года', 2021)).toEqual([{ start: null, due: '2021-01-29' }]);
    expect(year('в срок до 01.06.2022', 2022)).toEqual([{ start: null, due: '2022-06-01' }]);
    expect(year('февраль – март 2018 год', 2018)).toEqual([{ start: '2018-02-01', due: '2018-03-31' }]);
    expect(year('Сентябрь-октябрь 2019', 2019)).toEqual([{ start: '2019-09-01', due: '2019-10-31' }]);
    expect(dueWindows(parseDeadline('2020 – 2023 годы'), '2015-01-01', '2030-12-31', { planYear: null }))
      .toEqual([{ start: '2020-01-01', due: '2023-12-31' }]);
    expect(year('Август 2019', 2020)).toEqual([]);
  });

  test('yearly in a month, and «ежегодно» alone', () => {
    expect(year('Июль месяц ежегодно', 2021)).toEqual([{ start: '2021-07-01', due: '2021-07-31' }]);
    expect(year('Сентябрь, ежегодно', 2024)).toEqual([{ start: '2024-09-01', due: '2024-09-30' }]);
    expect(year('ежегодно', 2023)).toEqual([{ start: '2023-01-01', due: '2023-12-31' }]);
    expect(year('Ежегодно, в течение года', 2023)).toEqual([{ start: '2023-01-01', due: '2023-12-31' }]);
    expect(year('Ежегодно к началу учебного года', 2021)).toEqual([{ start: '2020-09-02', due: '2021-09-01' }]);
    expect(year('В течение учебного года, ежегодно', 2021)).toEqual([{ start: '2020-09-01', due: '2021-08-31' }]);
  });

  test('a first date, then every year', () => {
    expect(year('Январь 2021 года, далее ежегодно в октябре', 2020)).toEqual([]);
    expect(year('Январь 2021 года, далее ежегодно в октябре', 2021)).toEqual([
      { start: '2021-01-01', due: '2021-01-31' }, { start: '2021-10-01', due: '2021-10-31' },
    ]);
    expect(year('Январь 2021 года, далее ежегодно в октябре', 2022)).toEqual([{ start: '2022-10-01', due: '2022-10-31' }]);
    expect(dueWindows(parseDeadline('Декабрь 2020 года, далее ежегодно'), '2020-01-01', '2022-12-31', { planYear: null }).map((w) => w.due))
      .toEqual(['2020-12-31', '2021-12-31', '2022-12-31']);
    expect(year('Январь - март 2021 гг., далее ежегодно', 2022)).toEqual([{ start: '2022-01-01', due: '2022-03-31' }]);
  });

  test('quarters, half-years, school terms and the quarterly report by the 5th', () => {
    expect(year('1 раз в квартал', 2025).map((w) => w.due)).toEqual(['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    expect(year('1 раз в квартал, ежегодно', 2025)).toEqual(year('1 раз в квартал', 2025));
    expect(year('1 раз в полугодие', 2021)).toEqual([{ start: '2021-01-01', due: '2021-06-30' }, { start: '2021-07-01', due: '2021-12-31' }]);
    expect(year('1 раз в учебную четверть', 2021).map((w) => w.due)).toEqual(['2021-03-31', '2021-05-31', '2021-10-31', '2021-12-31']);
    expect(year('ежеквартально в срок до 5 числа месяца, следующего за отчетным периодом', 2025)).toEqual([
      { start: '2024-10-01', due: '2025-01-05' }, { start: '2025-01-01', due: '2025-04-05' },
      { start: '2025-04-01', due: '2025-07-05' }, { start: '2025-07-01', due: '2025-10-05' },
    ]);
  });

  test('open forms have no due dates but are read', () => {
    for (const t of ['Постоянно', 'В течение всего периода', 'По графику']) {
      expect(parseDeadline(t).problem).toBeNull();
      expect(year(t, 2021, 2021)).toEqual([]);
    }
    expect(parseDeadline('Ежегодно согласно плану работы РУМО').note).toContain('согласно плану работы РУМО');
  });

  test('ambiguous and unknown wording is flagged with a reason, never guessed', () => {
    expect(parseDeadline('До 2021 года').problem).toMatch(/до 1 января 2021.*до конца 2021 года/);
    expect(parseDeadline('Ноябрь-февраль').problem).toMatch(/через границу года/);
    for (const t of ['скоро', 'до 31.02.2021', 'Сентябрь 2019, ежегодно', 'по мере необходимости', 'II квартал']) {
      const d = parseDeadline(t);
      expect([t, d.kind]).toEqual([t, 'unknown']);
      expect(d.rules).toEqual([]);
    }
  });
});
