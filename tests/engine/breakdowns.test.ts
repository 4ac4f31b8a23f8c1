/**
 * Every breakdown adds up to its total, or names the rest (issue 12 § 4.3): on the demo region the
 * categories and «без категории» make the 300 schools; «впервые», «повторно» and the ШНОР without a
 * status (060018: too few participants in 2024 for a quality group) make the ШНОР.
 */
import { identify } from '../../shared/method/identify';
import { CATEGORY, CATEGORY_ORDER, NO_CATEGORY, categoryName } from '../../shared/messages';
import { lastRow, municipalitySummary, noStatusPart, noStatusReason } from '../../shared/method/summary';
import { listsSheet, summarySheet } from '../../shared/report-tables';
import { analyticalNote } from '../../shared/report';
import { summarizeRun } from '../../shared/wizard-protocol';
import { summaryText } from '../../cli/summary-text';
import { outcomeMessage } from '../../gas/identification';
import { generateRegion } from '../../examples/demo-region';
import type { Grid } from '../../shared/types';

const tables = generateRegion();
const result = identify(tables);
const schoolRows = tables.schools.slice(1).filter((r) => r[0] !== null && r[0] !== '');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const col = (grid: Grid, title: string) => grid[0].indexOf(title);

describe('the demo region', () => {
  test('060018 is a ШНОР without a status: in 2024 it had 9 participants, fewer than the 10 a group needs', () => {
    const r = tables.results;
    const [y, c, n] = [col(r, 'Год'), col(r, 'Код ОО'), col(r, 'Участников')];
    const participants2024 = sum(r.slice(1).filter((row) => row[y] === 2024 && String(row[c]) === '060018').map((row) => Number(row[n])));
    expect(participants2024).toBe(2 + 1 + 1 + 1 + 2 + 2); // ВПР-4 М, ВПР-4 Р, ВПР-5 М, ВПР-5 Р, ОГЭ-9 М, ОГЭ-9 Р
    expect(participants2024).toBeLessThan(result.settings.minParticipants);
    const s = result.schools.find((x) => x.code === '060018')!;
    expect(s.lowResults).toBe(true);
    expect(s.change).toBeNull();
    expect(noStatusReason(s)).toBe('noGroupThen');
    expect(noStatusPart(result)).toBe('без сравнения с 2024 годом 1 (в 2024 году недостаточно данных для группы по качеству)');
  });

  test('the CLI summary: categories with «без категории» = schools; the ШНОР parts = ШНОР', () => {
    const lines = summaryText(result).split('\n');
    const start = lines.indexOf('Категории:');
    const catLines = lines.slice(start + 1).filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('  ')));
    expect(catLines.map((l) => l.trim().replace(/\s+\d+.*$/, ''))).toEqual([...CATEGORY_ORDER.map(categoryName), NO_CATEGORY.label]);
    expect(sum(catLines.map((l) => Number(/\s(\d+)(\s|$)/.exec(l.trim().replace(/^\D+/, ' '))![1])))).toBe(schoolRows.length);
    const shnor = lines.find((l) => l.startsWith('Перечень ШНОР:'))!;
    const m = /^Перечень ШНОР: (\d+) = только ШНОР \d+ \+ ШНОР и ШФНСУ \d+; впервые (\d+), повторно (\d+), без сравнения с 2024 годом (\d+) \(в 2024 году недостаточно данных для группы по качеству\); вышли из перечня (\d+)/.exec(shnor);
    expect(m).not.toBeNull();
    const [total, fresh, again, rest] = m!.slice(1, 5).map(Number);
    expect(fresh + again + rest).toBe(total);
    expect(total).toBe(result.schools.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ').length);
  });

  test('«Свод»: in every row, categories + «Без категории» = «Всего ОО» and the ШНОР parts = «Перечень ШНОР»', () => {
    const sheet = summarySheet(result);
    const { header, rows } = sheet.blocks[0];
    const at = (row: unknown[], title: string) => Number(row[header.indexOf(title)]);
    for (const row of rows) {
      expect(sum([...CATEGORY_ORDER.map(categoryName), 'Без категории'].map((t) => at(row, t)))).toBe(at(row, 'Всего ОО'));
      expect(at(row, 'Вошли впервые') + at(row, 'Повторно') + at(row, 'Без сравнения с прошлым годом')).toBe(at(row, 'Перечень ШНОР'));
      expect(at(row, 'Перечень ШНОР')).toBe(at(row, 'только ШНОР') + at(row, 'ШНОР и ШФНСУ'));
    }
    const total = rows[rows.length - 1];
    expect(at(total, 'Всего ОО')).toBe(schoolRows.length);
    expect(sum(rows.slice(0, -1).map((r) => at(r, 'Всего ОО')))).toBe(schoolRows.length);
  });

  test('«Перечни»: every ШНОР has a status, 060018 with its reason', () => {
    const block = listsSheet(result).blocks[0];
    const status = block.header.indexOf('Статус в перечне');
    const code = block.header.indexOf('Код ОО');
    for (const row of block.rows) expect(row[status]).toMatch(/^(впервые|повторно|без сравнения с 2024 годом: .+)$/);
    expect(block.rows.find((r) => r[code] === '060018')![status]).toBe('без сравнения с 2024 годом: в 2024 году недостаточно данных для группы по качеству');
  });

  test('«Статус в перечне» per перечень: ШФНСУ and resilient schools against the same перечень of 2024, computed by a separate run of 2024', () => {
    const before = identify(tables, { year: 2024 });
    const then = new Map(before.schools.map((s) => [s.code, s]));
    const blocks = listsSheet(result).blocks;
    const statusOf = (b: number) => {
      const { header, rows } = blocks[b];
      return rows.map((r) => ({ code: String(r[header.indexOf('Код ОО')]), status: r[header.indexOf('Статус в перечне')] }));
    };
    const expected = (code: string, was: (c: string | null) => boolean, needsGroup: boolean) => {
      const t = then.get(code)!;
      if (t.isbshGroup === null || (needsGroup && t.qualityGroup === null)) return '—';
      return was(t.category) ? 'повторно' : 'впервые';
    };
    const shfnsu = statusOf(1);
    expect(shfnsu.length).toBe(result.schools.filter((s) => s.category === CATEGORY.both || s.category === CATEGORY.lowSocial).length);
    for (const r of shfnsu) expect(r.status).toBe(expected(r.code, (c) => c === CATEGORY.both || c === CATEGORY.lowSocial, false));
    const resilient = statusOf(2);
    for (const r of resilient) expect(r.status).toBe(expected(r.code, (c) => c === CATEGORY.resilient, true));
    // Not every one «впервые» (the fallback it used to be): most of these schools were in the same перечень in 2024.
    expect(shfnsu.filter((r) => r.status === 'повторно').length).toBeGreaterThan(shfnsu.length / 2);
    expect(resilient.some((r) => r.status === 'повторно')).toBe(true);
  });

  test('the wizard: its categories add up to the schools; every ШНОР in its list has a status', () => {
    const run = summarizeRun(result);
    expect(sum(run.byCategory.map((c) => c.count)) + run.noCategory).toBe(schoolRows.length);
    expect(run.noCategory).toBe(lastRow(municipalitySummary(result)).noCategory);
    expect(run.noCategory).toBeGreaterThan(0);
    for (const e of run.lists.shnor) expect(e.change !== null || e.noStatus !== null).toBe(true);
  });

  test('the Sheets menu message and the note', () => {
    const message = outcomeMessage(result).split('\n');
    const counts = message.filter((l) => [...CATEGORY_ORDER.map(categoryName), NO_CATEGORY.label].some((c) => l.startsWith(`${c}: `)));
    expect(sum(counts.map((l) => Number(/: (\d+)/.exec(l)![1])))).toBe(schoolRows.length);
    const html = analyticalNote(result);
    const m = /остались в перечне ШНОР — (\d+), вошли впервые — (\d+), без сравнения с 2024 годом (\d+) \(/.exec(html);
    expect(m).not.toBeNull();
    expect(sum(m!.slice(1).map(Number))).toBe(result.schools.filter((s) => s.lowResults).length);
  });
});
