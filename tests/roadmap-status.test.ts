/**
 * The roadmap model: reading roadmap tables as the seeds lay them out, responsible bodies, and what
 * is overdue, due and coming up on a date (dates worked out by hand); then `shnor roadmap-status`
 * on a template workbook.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../cli/main';
import type { Io } from '../cli/command';
import { parseDeadline } from '../shared/roadmap/deadline';
import { type RoadmapItem, itemDue, readRoadmaps, splitResponsible, statusByBody } from '../shared/roadmap/roadmap';

function item(deadline: string, extra: Partial<RoadmapItem> = {}): RoadmapItem {
  const d = parseDeadline(deadline);
  return {
    sheet: 'ДК', row: 5, section: '', number: '1.', activity: 'Мероприятие', deadlineText: d.text, deadline: d,
    responsible: 'ОО', bodies: ['ОО'], result: '', status: 'не начато', dateDone: null, evidence: '', comment: '', ...extra,
  };
}

describe('responsible bodies', () => {
  test.each([
    ['МОУО, ОО', ['МОУО', 'ОО']],
    ['ИПКиППРО РА, МОУО, предметные ассоциации', ['ИПКиППРО РА', 'МОУО', 'предметные ассоциации']],
    ['Министерство образования и науки Амурской области; ГАУ ДПО «Амурский областной институт развития образования»',
      ['Министерство образования и науки Амурской области', 'ГАУ ДПО «Амурский областной институт развития образования»']],
    ['Органы местного самоуправления, осуществляющие управление в сфере образования', ['Органы местного самоуправления, осуществляющие управление в сфере образования']],
    ['Комитет по образованию и молодежной политике, руководители общеобразовательных организаций',
      ['Комитет по образованию и молодежной политике', 'руководители общеобразовательных организаций']],
    ['ГАУ СОИРО (по согласованию)', ['ГАУ СОИРО (по согласованию)']],
    ['', []],
  ])('«%s»', (text, bodies) => {
    expect(splitResponsible(text)).toEqual(bodies);
  });
});

describe('reading roadmap tables as the seeds lay them out', () => {
  test('seed 003: «№ | Мероприятие | Срок исполнения | Ответственный исполнитель | Ожидаемый результат», section rows', () => {
    const grid = [
      ['«Дорожная карта» на 2020 год'],
      ['№', 'Мероприятие', 'Срок исполнения', 'Ответственный исполнитель', 'Ожидаемый результат'],
      ['1. Идентификация школ с низкими образовательными результатами', '', '', '', ''],
      ['1.1.', 'Подготовка инструкции', 'Апрель', 'ГАУ ДПО «АмИРО»', 'Методические рекомендации'],
      ['2. Научно-методическое обеспечение', null, null, null, null],
      ['2.3.', 'Выездные семинары', '', 'Министерство; ГАУ ДПО «АмИРО»', ''],
      ['2.8.', 'Семинары по объективности', 'Сентябрь-декабрь', 'Министерство', ''],
    ];
    const [r] = readRoadmaps(grid, 'Лист1');
    expect(r.headerRow).toBe(2);
    expect(r.items.map((i) => [i.section, i.number, i.deadline.kind, i.bodies.length])).toEqual([
      ['1. Идентификация школ с низкими образовательными результатами', '1.1.', 'month', 1],
      ['2. Научно-методическое обеспечение', '2.3.', 'empty', 2],
      ['2. Научно-методическое обеспечение', '2.8.', 'month', 1],
    ]);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[6, 'Срок исполнения']]);
  });

  test('seed 001: «Ответственные» before «Сроки исполнения», and the info lines above a table', () => {
    const grid = [
      ['Год дорожной карты', 2021],
      ['Период реализации', '2020-2023 годы'],
      ['№ п/п', 'Наименование мероприятия', 'Ответственные', 'Сроки исполнения', 'Прогнозируемый результат', 'Статус', 'Дата выполнения'],
      ['1.', 'Анализ причин низких результатов', 'МОУО, ОО', 'Июль месяц ежегодно', 'Отчёт по каждой ШНОР', 'выполнен', '15.07.2021'],
      ['2.', 'Мониторинг школьных дорожных карт', 'ОО', '1 раз в учебную четверть', 'Справки', 'готовлю', 'вчера'],
    ];
    const [r] = readRoadmaps(grid, 'ДК');
    expect(r.planYear).toBe(2021);
    expect(r.period).toEqual({ start: '2020-01-01', end: '2023-12-31' });
    expect(r.items[0]).toMatchObject({ bodies: ['МОУО', 'ОО'], status: 'выполнено', dateDone: '2021-07-15' });
    expect(r.problems.map((p) => p.column)).toEqual(['Статус', 'Дата выполнения']);
  });
});

describe('due, overdue and coming up on a date (worked out by hand)', () => {
  const on = (it: RoadmapItem, date: string, planYear = 2020, extra = {}) => itemDue(it, { date, planYear, ...extra });

  test('a month of the roadmap year', () => {
    const april = item('Апрель');
    expect(on(april, '2020-03-20')).toMatchObject({ state: 'upcoming', window: { start: '2020-04-01', due: '2020-04-30' } });
    expect(on(april, '2020-04-10')).toMatchObject({ state: 'dueSoon', days: 20 });
    expect(on(april, '2020-05-10')).toMatchObject({ state: 'overdue', days: -10 });
    expect(on(item('Апрель', { status: 'выполнено', dateDone: '2020-05-03' }), '2020-05-10')).toMatchObject({ state: 'done', late: true });
    expect(on(item('Апрель', { status: 'выполнено', dateDone: '2020-04-28' }), '2020-05-10')).toMatchObject({ state: 'done', late: false });
    expect(on(item('Сентябрь-декабрь'), '2020-09-15')).toMatchObject({ state: 'inProgress', days: 107 });
    expect(on(item('Сентябрь-декабрь'), '2020-06-15')).toMatchObject({ state: 'later' });
  });

  test('quarterly: done in the first quarter covers it, not the second', () => {
    const q = item('1 раз в квартал', { status: 'выполнено', dateDone: '2025-02-10' });
    expect(on(q, '2025-04-15', 2025)).toMatchObject({ state: 'inProgress', window: { start: '2025-04-01', due: '2025-06-30' }, days: 76 });
    expect(on(q, '2025-06-10', 2025)).toMatchObject({ state: 'dueSoon', days: 20 });
    expect(on(q, '2025-07-02', 2025)).toMatchObject({ state: 'overdue', window: { due: '2025-06-30' }, days: -2 });
  });

  test('yearly in September: occurrences before the roadmap year are not asked for', () => {
    const sep = item('Сентябрь, ежегодно');
    expect(on(sep, '2025-03-01', 2025)).toMatchObject({ state: 'later', window: { start: '2025-09-01' } });
    expect(on(sep, '2025-08-10', 2025)).toMatchObject({ state: 'upcoming' });
    expect(on(sep, '2025-10-03', 2025)).toMatchObject({ state: 'overdue', days: -3 });
    expect(on(item('Сентябрь, ежегодно', { status: 'выполнено', dateDone: '2025-09-20' }), '2025-10-03', 2025)).toMatchObject({ state: 'later' });
  });

  test('continuous, by schedule, unread, and «просрочено» set by hand', () => {
    expect(on(item('Постоянно'), '2025-05-01', 2025, { periodEnd: '2025-12-31' })).toMatchObject({ state: 'ongoing' });
    expect(on(item('В течение всего периода'), '2026-01-10', 2025, { periodEnd: '2025-12-31' })).toMatchObject({ state: 'overdue', days: -10 });
    expect(on(item('По графику'), '2025-05-01', 2025)).toMatchObject({ state: 'noDate' });
    expect(on(item('До 2021 года'), '2020-05-01')).toMatchObject({ state: 'unreadable' });
    expect(on(item('Декабрь', { status: 'просрочено' }), '2020-05-01')).toMatchObject({ state: 'overdue' });
  });

  test('grouped per responsible body, an item of two bodies under both', () => {
    const items = [
      item('Апрель', { bodies: ['МОУО', 'ОО'] }),
      item('Май', { bodies: ['ОО'] }),
      item('Постоянно', { bodies: [] }),
    ].map((i) => on(i, '2020-05-10'));
    const groups = statusByBody(items);
    expect(groups.map((g) => [g.body, g.counts.overdue, g.counts.dueSoon, g.items.length])).toEqual([
      ['МОУО', 1, 0, 1], ['ОО', 1, 1, 2], ['ответственный не указан', 0, 0, 1],
    ]);
  });
});

describe('shnor roadmap-status', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-status-'));
  const file = path.join(dir, 'roadmap.xlsx');
  function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false };
    return main(argv, io).then((code) => ({ code, out, err }));
  }

  beforeAll(async () => {
    expect((await run(['template', 'regional-roadmap', '--year', '2020', '--out', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Дорожная карта')!;
    // 1.1 (April) done on 20 April; 1.2 (April) still in progress.
    ws.eachRow((row) => {
      if (row.getCell(2).value === '1.1.') { row.getCell(7).value = 'выполнено'; row.getCell(8).value = new Date(Date.UTC(2020, 3, 20)); }
      if (row.getCell(2).value === '1.2.') row.getCell(7).value = 'в работе';
    });
    await wb.xlsx.writeFile(file);
  });

  test('per responsible body on 10 May 2020', async () => {
    const { code, out } = await run(['roadmap-status', file, '--date', '2020-05-10']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Дорожные карты на 10\.05\.2020 \(roadmap\.xlsx\): 32 мероприятия; просрочено 1,/);
    const amiro = out.split('\n\n').find((b) => b.startsWith('ГАУ ДПО «Амурский областной институт развития образования»'))!;
    expect(amiro).toMatch(/Просрочено:\n {4}1\.2\. Назначение сотрудника.*«Апрель», срок 30\.04\.2020, просрочено на 10 дней/);
    expect(amiro).not.toMatch(/1\.1\. Подготовка инструкции/);
    // May items: due 31 May, 21 days left.
    expect(amiro).toMatch(/Срок истекает в ближайшие 30 дней:\n {4}1\.3\. .*до 31\.05\.2020 \(осталось 21 день\)/);
    // June items start on 1 June: 22 days ahead.
    expect(amiro).toMatch(/Начинается в ближайшие 30 дней:\n {4}1\.6\. .*01\.06\.2020–30\.06\.2020/);
    expect(amiro).toMatch(/По графику — даты в дорожной карте не указаны:\n {4}4\.2\./);
    const ministry = out.split('\n\n').find((b) => b.startsWith('Министерство образования и науки Амурской области'))!;
    expect(ministry).toMatch(/1\.3\. Проведение вебинара/);
  });

  test('json, and the errors a user can fix', async () => {
    const { out } = await run(['roadmap-status', file, '--date', '2020-05-10', '--format', 'json']);
    const json = JSON.parse(out);
    const total = (state: string) => json.bodies.flatMap((b: { items: { state: string; number: string }[] }) => b.items)
      .filter((i: { state: string }) => i.state === state).map((i: { number: string }) => i.number);
    expect([...new Set(total('overdue'))]).toEqual(['1.2.']);
    expect([...new Set(total('done'))]).toEqual(['1.1.']);
    // ДД.ММ.ГГГГ (what the help shows) and ISO are the same date; a date that does not exist is refused.
    expect((await run(['roadmap-status', file, '--date', '10.05.2020', '--format', 'json'])).out).toBe(out);
    const bad = await run(['roadmap-status', file, '--date', '31.02.2020']);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--date: ожидалась дата ДД.ММ.ГГГГ, например 05.04.2025 (или 2025-04-05), указано «31.02.2020»')]);
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, 'a,b\n1,2\n');
    const r = await run(['roadmap-status', empty, '--date', '2020-05-10']);
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('«Мероприятие» и «Срок исполнения»')]);
  });
});
