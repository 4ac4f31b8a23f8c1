/**
 * Grids laid out as the ФИС ОКО reports of a ВПР by pupil are: «Индивидуальные результаты» and
 * «Сравнение отметок с отметками по журналу». Used by the demo region (examples/vpr-pupils/) and by
 * the test fixtures (tests/fixtures/vpr-pupils/), so an official's file and ours have one layout.
 */
import type { Cell } from '../shared/types';

export interface ReportPupil {
  /** «Код участника». */
  id: string;
  /** «Класс» as the school writes it: «4А». */
  cls: string;
  variant: number;
  /** Points per task (blank for an absent pupil). */
  tasks: (number | null)[];
  primary: number | null;
  mark: number | null;
  journal: number | null;
}

export interface ReportSchool {
  /** The school as ФИС ОКО names it, without the login. */
  fisName: string;
  /** «edu203389». */
  login: string;
  municipality: string;
  pupils: ReportPupil[];
}

export interface PupilReport {
  year: number;
  grade: string;
  subject: string;
  /** Maximum points and level (Б базовый, П повышенный) of each task. */
  tasks: { points: number; level: 'Б' | 'П' }[];
  date: string;
  /** The region's name with its login: «Амурская область(reg28)». */
  region: string;
  schools: ReportSchool[];
}

export const pupilReportMax = (r: PupilReport) => r.tasks.reduce((a, t) => a + t.points, 0);

/** The file name ФИС ОКО-like: «ВПР 2025 Математика 4 класс — индивидуальные результаты.xlsx». */
export function pupilReportFileName(r: { year: number; grade: string; subject: string }): string {
  return `ВПР ${r.year} ${r.subject} ${r.grade} класс — индивидуальные результаты.xlsx`;
}

export function journalReportFileName(r: { year: number; grade: string; subject: string }): string {
  return `ВПР ${r.year} ${r.subject} ${r.grade} класс — сравнение с журналом.xlsx`;
}

/** «Индивидуальные результаты»: titles, the task levels, the header, then per school its line and its pupils. */
export function pupilReportGrid(r: PupilReport): Cell[][] {
  const max = pupilReportMax(r);
  const lead = ['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант'];
  const grid: Cell[][] = [
    ['Индивидуальные результаты'],
    [`ВПР ${r.year} ${r.subject} ${r.grade} класс`],
    ['Предмет:', r.subject],
    ['Максимальный первичный балл:', max],
    ['Дата:', r.date],
    [],
    ['Уровень сложности задания', null, null, null, null, null, ...r.tasks.map((t) => t.level)],
    [...lead, ...r.tasks.map((t, i) => `${i + 1} (${t.points}б)`), 'Первичный балл', 'Отметка', 'Отметка по журналу'],
    [r.region],
  ];
  let municipality = '';
  for (const s of r.schools) {
    if (s.municipality !== municipality) {
      municipality = s.municipality;
      grid.push([municipality]);
    }
    grid.push([`${s.fisName}(${s.login})`, `Кол-во участников: ${s.pupils.length}`]);
    for (const p of s.pupils) {
      grid.push([s.login, s.municipality, s.fisName, p.id, p.cls, p.variant, ...p.tasks, p.primary, p.mark, p.journal]);
    }
  }
  return grid;
}

export interface JournalSchool {
  fisName: string;
  login: string;
  municipality: string;
  /** Pupils who lowered, confirmed and raised their journal mark. */
  counts: [number, number, number];
}

const GROUP_TITLES = ['Понизили (Отметка < Отметка по журналу) %', 'Подтвердили (Отметка = Отметке по журналу) %', 'Повысили (Отметка > Отметка по журналу) %'];
const pct = (k: number, n: number) => (n ? Math.round((k / n) * 10000) / 100 : 0);

function groupRows(counts: [number, number, number]): Cell[][] {
  const n = counts[0] + counts[1] + counts[2];
  return [...GROUP_TITLES.map((t, i) => [null, t, counts[i], pct(counts[i], n)]), [null, 'Всего', n, 100]];
}

/**
 * «Сравнение отметок с отметками по журналу» as ФИС ОКО gives it: «Группы участников» | «Кол-во
 * участников» | «%», each group (the region, a municipality, a school) on its line with its three
 * comparison rows and «Всего» under it. Percentages are rounded to hundredths as in the report.
 */
export function journalReportGrid(r: { year: number; grade: string; subject: string; date: string; region: string; schools: JournalSchool[] }): Cell[][] {
  const sum = (list: JournalSchool[]) => list.reduce((a, s) => [a[0] + s.counts[0], a[1] + s.counts[1], a[2] + s.counts[2]] as [number, number, number], [0, 0, 0] as [number, number, number]);
  const grid: Cell[][] = [
    ['Сравнение отметок с отметками по журналу'],
    [`ВПР ${r.year} ${r.subject} ${r.grade} класс`],
    ['Предмет:', r.subject],
    ['Дата:', r.date],
    [],
    ['Группы участников', null, 'Кол-во участников', '%'],
    ['Вся выборка'], ...groupRows(sum(r.schools)),
    [r.region], ...groupRows(sum(r.schools)),
  ];
  const municipalities = [...new Set(r.schools.map((s) => s.municipality))];
  for (const m of municipalities) {
    const list = r.schools.filter((s) => s.municipality === m);
    grid.push([m], ...groupRows(sum(list)));
    for (const s of list) grid.push([`${s.fisName}(${s.login})`], ...groupRows(s.counts));
  }
  return grid;
}

/** The journal comparison of one school's pupils: lowered (mark < journal), confirmed, raised; pupils without a journal mark left out. */
export function journalCounts(pupils: { mark: number | null; journal: number | null }[]): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (const p of pupils) {
    if (p.mark === null || p.journal === null) continue;
    c[p.mark < p.journal ? 0 : p.mark === p.journal ? 1 : 2]++;
  }
  return c;
}
