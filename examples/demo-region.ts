/**
 * A deterministic generator of a realistic demo region («Демонстрационная область»).
 *
 * The output is the region workbook's input sheets as grids (header row + data rows), exactly in the
 * layout of DATA.md: «Школы», «Результаты», «Социальные показатели», «Настройки». Everything is drawn
 * from one seeded PRNG (mulberry32), so the same options give byte-identical output on every run.
 *
 * The model behind the numbers (all of it invented; no real school is described):
 * - every school has a latent social disadvantage `u` (rural schools higher, town schools lower) and
 *   a latent own effectiveness; its latent quality is mostly the latter, partly −u;
 * - the social percentages are noisy proxies of `u` (parents with higher education ↓, КДН ↑, single
 *   parents ↑); the candidates are weakly related (large families, unemployed parents) or not at all
 *   (pupils with disabilities);
 * - results are drawn pupil by pupil: a mark 2–5 from thresholds on a normal ability scale (ВПР,
 *   ОГЭ) or a test score 0–100 (ЕГЭ), so counts, means, SDs and failures are mutually consistent;
 * - a year effect and an indicator effect make the second year correlate strongly with the first;
 * - a handful of resilient schools (hard conditions, high results) and of schools with good
 *   conditions but low results are planted on purpose.
 *
 * The generator is also used by the benchmark (40 000 schools, 2 years: about 517 000 result rows,
 * fewer than 40 000 × 8 × 2 because primary and basic schools and some small secondary schools have no
 * ЕГЭ or ОГЭ), so the hot loops avoid allocations beyond the grid itself (≈1.5 s, ≈250 MB in Node).
 */
import type { Cell, Grid, RegionTables } from '../shared/types';
import { type DemoPupilRow, type ObjectivityPlanted, OBJECTIVITY_HEADERS, makeDemoPupils, withObjectivityColumns } from './demo-pupils';

/*
 * Math functions as module-level constants: under jest (a vm context) every global lookup of `Math`
 * is slow, and the generator calls them tens of millions of times for the benchmark region.
 */
const { imul, floor, sqrt, cos, sin, exp, abs, pow, PI, SQRT2 } = Math;
const ln = Math.log;
const mround = Math.round;
const mmax = Math.max;
const mmin = Math.min;

export interface DemoRegionOptions {
  /** Number of schools (default 300). */
  schools?: number;
  /** Number of municipalities (default 24: 3 towns and 21 districts). */
  municipalities?: number;
  /** Years of results and social data (default [2024, 2025]). */
  years?: number[];
  /** PRNG seed (default 16). */
  seed?: number;
  /** The indicator set: only the eight standard indicators for now. */
  indicators?: 'standard';
}

export const DEMO_DEFAULTS = {
  schools: 300,
  municipalities: 24,
  years: [2024, 2025] as number[],
  /**
   * Chosen among the first twenty seeds (checked with this repository's engine, shared/method/identify.ts)
   * so that the default region shows what a demo should: all three ИСБШ factors significant with the
   * expected signs in both years, and every planted resilient school and every planted «good
   * conditions, low results» school in its category in both years.
   */
  seed: 16,
} as const;

export const DEMO_REGION_NAME = 'Демонстрационная область';

/** Headers exactly as DATA.md writes them. */
export const SCHOOL_HEADERS = ['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Местность', 'Малокомплектная', 'Обучающихся'];
const BASE_RESULT_HEADERS = [
  'Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл',
  'Стандартное отклонение', 'Не справились', '2', '3', '4', '5',
];
/** «Результаты» ends with the per-pupil ВПР columns (examples/demo-pupils.ts), filled on the ВПР rows. */
export const RESULT_HEADERS = [...BASE_RESULT_HEADERS, ...OBJECTIVITY_HEADERS];
export const SOCIAL_FACTORS = [
  'Родители с высшим образованием, %',
  'На учёте в КДН и ПДН, %',
  'Неполные семьи, %',
];
export const SOCIAL_CANDIDATES = ['Многодетные семьи, %', 'Безработные родители, %', 'ОВЗ, %'];
export const SOCIAL_HEADERS = ['Год', 'Код ОО', ...SOCIAL_FACTORS, ...SOCIAL_CANDIDATES];
export const SETTINGS_HEADERS = ['Параметр', 'Значение'];

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32 with a Box–Muller normal; no Math.random anywhere. */
export class Rng {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    // Mix the seed once so that nearby seeds do not start with similar outputs.
    let s = (floor(seed) ^ 0x9e3779b9) >>> 0;
    s = imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + floor(this.next() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    const r = sqrt(-2 * ln(u));
    this.spare = r * sin(2 * PI * v);
    this.hasSpare = true;
    return r * cos(2 * PI * v);
  }

  /** Binomial(n, p): exact for small n, normal approximation for large n. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 40) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.next() < p) k++;
      return k;
    }
    const k = mround(n * p + sqrt(n * p * (1 - p)) * this.normal());
    return k <= 0 ? 0 : k > n ? n : k;
  }

  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1));
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

// ---------------------------------------------------------------------------------------------
// Small numeric helpers

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
function phi(x: number): number {
  const z = abs(x) / SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

function logistic(x: number): number {
  return 1 / (1 + exp(-x));
}

function round(x: number, digits: number): number {
  const f = digits === 1 ? 10 : digits === 2 ? 100 : pow(10, digits);
  return mround(x * f) / f;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Largest-remainder split of `total` by `weights`. */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j][1]]++;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

interface TownName { name: string; genitive: string }
interface DistrictName { name: string; centre: string; urbanCentre: boolean }

const TOWNS: TownName[] = [
  { name: 'г. Благовещенск', genitive: 'г. Благовещенска' },
  { name: 'г. Свободный', genitive: 'г. Свободного' },
  { name: 'г. Белогорск', genitive: 'г. Белогорска' },
  { name: 'г. Тында', genitive: 'г. Тынды' },
  { name: 'г. Зея', genitive: 'г. Зеи' },
  { name: 'г. Шимановск', genitive: 'г. Шимановска' },
  { name: 'г. Райчихинск', genitive: 'г. Райчихинска' },
];

const DISTRICTS: DistrictName[] = [
  { name: 'Благовещенский район', centre: 'с. Чигири', urbanCentre: false },
  { name: 'Архаринский район', centre: 'пгт Архара', urbanCentre: true },
  { name: 'Белогорский район', centre: 'с. Томичи', urbanCentre: false },
  { name: 'Бурейский район', centre: 'пгт Новобурейский', urbanCentre: true },
  { name: 'Завитинский район', centre: 'г. Завитинск', urbanCentre: true },
  { name: 'Зейский район', centre: 'с. Овсянка', urbanCentre: false },
  { name: 'Ивановский район', centre: 'с. Ивановка', urbanCentre: false },
  { name: 'Константиновский район', centre: 'с. Константиновка', urbanCentre: false },
  { name: 'Магдагачинский район', centre: 'пгт Магдагачи', urbanCentre: true },
  { name: 'Мазановский район', centre: 'с. Новокиевский Увал', urbanCentre: false },
  { name: 'Михайловский район', centre: 'с. Поярково', urbanCentre: false },
  { name: 'Октябрьский район', centre: 'с. Екатеринославка', urbanCentre: false },
  { name: 'Ромненский район', centre: 'с. Ромны', urbanCentre: false },
  { name: 'Свободненский район', centre: 'с. Черновка', urbanCentre: false },
  { name: 'Селемджинский район', centre: 'пгт Экимчан', urbanCentre: true },
  { name: 'Серышевский район', centre: 'пгт Серышево', urbanCentre: true },
  { name: 'Сковородинский район', centre: 'г. Сковородино', urbanCentre: true },
  { name: 'Тамбовский район', centre: 'с. Тамбовка', urbanCentre: false },
  { name: 'Тындинский район', centre: 'с. Первомайское', urbanCentre: false },
  { name: 'Шимановский район', centre: 'с. Новогеоргиевка', urbanCentre: false },
  { name: 'Прибрежный район', centre: 'пгт Прибрежный', urbanCentre: true },
  { name: 'Озёрный район', centre: 'с. Озёрное', urbanCentre: false },
  { name: 'Кедровский район', centre: 'с. Кедровка', urbanCentre: false },
];

const VILLAGES = [
  'с. Ивановка', 'с. Петровка', 'с. Михайловка', 'с. Новоандреевка', 'с. Поздеевка', 'с. Берёзовка',
  'с. Краснояровка', 'с. Возжаевка', 'с. Тамбовка', 'с. Константиновка', 'с. Томичи', 'с. Садовое',
  'с. Луговое', 'с. Полевое', 'с. Каменка', 'с. Знаменка', 'с. Успеновка', 'с. Васильевка',
  'с. Гродеково', 'с. Марково', 'с. Песчаноозёрка', 'с. Привольное', 'с. Соколовка', 'с. Владимировка',
  'с. Николаевка', 'с. Новопетровка', 'с. Дмитриевка', 'с. Александровка', 'с. Анновка', 'с. Волково',
  'с. Грибское', 'с. Дубовое', 'с. Ерковцы', 'с. Жариково', 'с. Зелёный Бор', 'с. Калинино',
  'с. Коршуновка', 'с. Лермонтово', 'с. Максимовка', 'с. Натальино', 'с. Орловка', 'с. Павловка',
  'с. Раздольное', 'с. Семиозёрка', 'с. Толстовка', 'с. Ульма', 'с. Хитровка', 'с. Черемхово',
  'с. Шумиловка', 'с. Ярославка', 'с. Амурское', 'с. Благодатное', 'с. Вознесеновка', 'с. Гильчин',
  'с. Долдыкан', 'с. Заречное', 'с. Иннокентьевка', 'с. Кустанаевка', 'с. Лозовое', 'с. Муравьёвка',
  'с. Новинка', 'с. Осежино', 'с. Покровка', 'с. Рождественка', 'с. Среднебелая', 'с. Тарбагатай',
  'с. Украинка', 'с. Фёдоровка', 'с. Харьковка', 'с. Чесноково', 'с. Юбилейное', 'с. Ясная Поляна',
  'п. Соловьёвск', 'п. Февральск', 'п. Юктали', 'п. Ушумун', 'п. Стойба', 'п. Златоустовск',
  'п. Горный', 'п. Снежногорский', 'п. Верхнезейск', 'п. Огорон', 'п. Талакан', 'п. Бомнак',
];

type SchoolType = 'primary' | 'basic' | 'secondary';

interface Municipality {
  name: string;
  town: boolean;
  /** Genitive for town school names («СОШ № 5 г. Свободного»). */
  genitive: string;
  /** District centre (for urban schools of a district). */
  centre: string;
  urbanCentre: boolean;
  /** Town index (0 = the regional capital with the biggest schools), −1 for a district. */
  townIndex: number;
}

function makeMunicipalities(m: number): Municipality[] {
  const towns = m <= 1 ? 0 : m <= 3 ? 1 : mmax(1, mround(m / 8));
  const out: Municipality[] = [];
  for (let i = 0; i < towns; i++) {
    const t = TOWNS[i] ?? { name: `Городской округ № ${i + 1}`, genitive: `городского округа № ${i + 1}` };
    out.push({ name: t.name, town: true, genitive: t.genitive, centre: t.name, urbanCentre: true, townIndex: i });
  }
  for (let i = 0; i < m - towns; i++) {
    const d = DISTRICTS[i] ?? { name: `Муниципальный район № ${i + 1}`, centre: `пгт Центральный-${i + 1}`, urbanCentre: i % 3 === 0 };
    // A region with no towns still needs urban schools somewhere.
    const urbanCentre = towns === 0 && i === 0 ? true : d.urbanCentre;
    out.push({ name: d.name, town: false, genitive: '', centre: d.centre, urbanCentre, townIndex: -1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Indicators

interface Indicator {
  procedure: 'ВПР' | 'ОГЭ' | 'ЕГЭ';
  grade: 4 | 5 | 9 | 11;
  subject: 'Математика' | 'Русский язык';
  /** ВПР/ОГЭ: thresholds between marks 2|3, 3|4, 4|5 on the pupil ability scale (N(0,1) at the average school). */
  t2: number;
  t3: number;
  t4: number;
  /** ЕГЭ: score of the average pupil of the average school, and the minimum score. */
  base: number;
  minScore: number;
}

/** The eight standard indicators, in the order of methodology-decisions.md. */
export const STANDARD_INDICATORS: ReadonlyArray<Indicator> = [
  // ВПР-4 math: 2 4%, 3 26%, 4 45%, 5 25%
  { procedure: 'ВПР', grade: 4, subject: 'Математика', t2: -1.751, t3: -0.524, t4: 0.674, base: 0, minScore: 0 },
  // ВПР-4 Russian: 5 / 30 / 45 / 20
  { procedure: 'ВПР', grade: 4, subject: 'Русский язык', t2: -1.645, t3: -0.385, t4: 0.842, base: 0, minScore: 0 },
  // ВПР-5 math: 9 / 36 / 36 / 19
  { procedure: 'ВПР', grade: 5, subject: 'Математика', t2: -1.341, t3: -0.126, t4: 0.878, base: 0, minScore: 0 },
  // ВПР-5 Russian: 12 / 38 / 35 / 15
  { procedure: 'ВПР', grade: 5, subject: 'Русский язык', t2: -1.175, t3: 0, t4: 1.036, base: 0, minScore: 0 },
  // ОГЭ-9 math: 8 / 52 / 32 / 8
  { procedure: 'ОГЭ', grade: 9, subject: 'Математика', t2: -1.405, t3: 0.253, t4: 1.405, base: 0, minScore: 0 },
  // ОГЭ-9 Russian: 4 / 33 / 40 / 23
  { procedure: 'ОГЭ', grade: 9, subject: 'Русский язык', t2: -1.751, t3: -0.332, t4: 0.739, base: 0, minScore: 0 },
  // ЕГЭ-11 math (profile, test score): minimum 27
  { procedure: 'ЕГЭ', grade: 11, subject: 'Математика', t2: 0, t3: 0, t4: 0, base: 56, minScore: 27 },
  // ЕГЭ-11 Russian: minimum 24
  { procedure: 'ЕГЭ', grade: 11, subject: 'Русский язык', t2: 0, t3: 0, t4: 0, base: 68, minScore: 24 },
];

/** Indicators a school of a type takes part in (indexes into STANDARD_INDICATORS). */
const INDICATORS_BY_TYPE: Record<SchoolType, number[]> = {
  primary: [0, 1],
  basic: [0, 1, 2, 3, 4, 5],
  secondary: [0, 1, 2, 3, 4, 5, 6, 7],
};

// ---------------------------------------------------------------------------------------------
// Schools

interface School {
  code: string;
  name: string;
  muni: number;
  urban: boolean;
  type: SchoolType;
  /** Gymnasium or lyceum (towns only). */
  elite: boolean;
  /** Mean pupils per grade. */
  cohort: number;
  pupils: number;
  small: boolean;
  /** Latent social disadvantage (0 = average). */
  u: number;
  /** Latent quality on the pupil ability scale (0 = average). */
  mu: number;
  /** Within-school spread of ability (≈ 1). */
  spread: number;
  /** Persistent indicator effects. */
  ind: number[];
  /** Persistent noise of each social factor on the logit scale. */
  soc: number[];
}

/** Numbers of schools of each kind, for the report and the tests. */
export interface DemoRegionSummary {
  schools: number;
  municipalities: number;
  rural: number;
  primary: number;
  basic: number;
  secondary: number;
  small: number;
  resilientPlanted: string[];
  lowDespiteGoodConditionsPlanted: string[];
  missingSocialLastYear: string[];
  /** Schools planted for the objectivity markers (examples/demo-pupils.ts). */
  objectivityPlanted: ObjectivityPlanted;
}

interface Built {
  tables: RegionTables;
  summary: DemoRegionSummary;
  /** The pupils behind each ВПР row (for the example per-pupil files). */
  pupils: DemoPupilRow[];
}

/** The region's input sheets as grids (header row + data rows). */
export function generateRegion(options: DemoRegionOptions = {}): RegionTables {
  return build(options).tables;
}

/** Same as generateRegion, plus what was planted (codes of the resilient schools etc.). */
export function generateRegionWithSummary(options: DemoRegionOptions = {}): Built {
  return build(options);
}

function build(options: DemoRegionOptions): Built {
  const n = mmax(1, floor(options.schools ?? DEMO_DEFAULTS.schools));
  const m = mmax(1, mmin(n, floor(options.municipalities ?? DEMO_DEFAULTS.municipalities)));
  const years = [...(options.years ?? DEMO_DEFAULTS.years)].map((y) => floor(y)).sort((a, b) => a - b);
  if (years.length === 0) throw new Error('generateRegion: нужен хотя бы один год');
  if (new Set(years).size !== years.length) throw new Error('generateRegion: годы повторяются');
  if (options.indicators !== undefined && options.indicators !== 'standard') {
    throw new Error(`generateRegion: неизвестный набор показателей «${String(options.indicators)}»`);
  }
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const rng = new Rng(seed);

  const munis = makeMunicipalities(m);
  const schools = makeSchools(rng, munis, n);
  const planted = plantSpecialSchools(rng, schools);
  const missing = pickMissingSocial(rng, schools, planted);

  const marksResults = makeResults(rng, schools, years);
  // The per-pupil ВПР of the same marks, from a generator of its own: the numbers above do not change.
  const exclude = new Set([...planted.resilient, ...planted.lowGood].map((s) => s.code));
  const objectivity = makeDemoPupils(new Rng(seed * 7919 + 14), marksResults, exclude);
  const results = withObjectivityColumns(marksResults, objectivity.rows);
  const social = makeSocial(rng, schools, years, missing);

  const lastYear = years[years.length - 1];
  const schoolGrid: Grid = [SCHOOL_HEADERS.slice()];
  for (const s of schools) {
    schoolGrid.push([s.code, s.name, munis[s.muni].name, s.urban ? 'город' : 'село', s.small ? 'да' : 'нет', s.pupils]);
  }
  const settings: Grid = [
    SETTINGS_HEADERS.slice(),
    ['Год', lastYear],
    ['Метод', 'региональный'],
    ['Критическое значение z', 1.96],
    ['Минимум участников', 10],
    ['Порог неуспешности, %', 30],
  ];

  const byCode = new Map(schools.map((s) => [s.code, s]));
  const summary: DemoRegionSummary = {
    schools: schools.length,
    municipalities: munis.length,
    rural: schools.filter((s) => !s.urban).length,
    primary: schools.filter((s) => s.type === 'primary').length,
    basic: schools.filter((s) => s.type === 'basic').length,
    secondary: schools.filter((s) => s.type === 'secondary').length,
    small: schools.filter((s) => s.small).length,
    resilientPlanted: planted.resilient.map((s) => s.code),
    lowDespiteGoodConditionsPlanted: planted.lowGood.map((s) => s.code),
    missingSocialLastYear: [...missing].filter((c) => byCode.has(c)),
    objectivityPlanted: objectivity.planted,
  };
  return { tables: { schools: schoolGrid, results, social, settings }, summary, pupils: objectivity.rows };
}

function makeSchools(rng: Rng, munis: Municipality[], n: number): School[] {
  const m = munis.length;
  const townIdx = munis.map((x, i) => (x.town ? i : -1)).filter((i) => i >= 0);
  const distIdx = munis.map((x, i) => (x.town ? -1 : i)).filter((i) => i >= 0);
  const urbanDistIdx = distIdx.filter((i) => munis[i].urbanCentre);

  // Two thirds rural. Three quarters of urban schools are in the towns, the rest in district centres.
  const urbanTotal = distIdx.length === 0 ? n : mround(n / 3);
  const ruralTotal = n - urbanTotal;
  const townUrban = townIdx.length === 0 ? 0 : urbanDistIdx.length === 0 ? urbanTotal : mround(urbanTotal * 0.78);
  const distUrban = urbanTotal - townUrban;

  const urbanCount = new Array<number>(m).fill(0);
  const ruralCount = new Array<number>(m).fill(0);
  const townWeights = townIdx.map((_, k) => (k === 0 ? 3 : 1.3 - 0.1 * mmin(k, 8)) * rng.uniform(0.85, 1.15));
  allocate(townUrban, townWeights).forEach((c, k) => (urbanCount[townIdx[k]] = c));
  const distUrbanWeights = urbanDistIdx.map(() => rng.uniform(0.6, 1.4));
  allocate(distUrban, distUrbanWeights).forEach((c, k) => (urbanCount[urbanDistIdx[k]] += c));
  const ruralWeights = distIdx.map(() => rng.uniform(0.5, 1.5));
  allocate(ruralTotal, ruralWeights).forEach((c, k) => (ruralCount[distIdx[k]] = c));
  // Every municipality has at least one school (matters only for tiny regions).
  for (let i = 0; i < m; i++) {
    while (urbanCount[i] + ruralCount[i] === 0) {
      let big = 0;
      for (let j = 1; j < m; j++) if (urbanCount[j] + ruralCount[j] > urbanCount[big] + ruralCount[big]) big = j;
      if (urbanCount[big] > ruralCount[big]) urbanCount[big]--;
      else ruralCount[big]--;
      if (munis[i].town || munis[i].urbanCentre) urbanCount[i]++;
      else ruralCount[i]++;
    }
  }

  const prefixDigits = mmax(2, String(m).length);
  const schools: School[] = [];
  for (let i = 0; i < m; i++) {
    const mu = munis[i];
    const count = urbanCount[i] + ruralCount[i];
    const kinds: boolean[] = [];
    for (let k = 0; k < urbanCount[i]; k++) kinds.push(true);
    for (let k = 0; k < ruralCount[i]; k++) kinds.push(false);
    rng.shuffle(kinds);

    // Codes: municipality prefix + serial with small gaps (closed and merged schools leave holes).
    const serialDigits = mmax(4, String(count * 3 + 20).length);
    const roomy = count * 3 + 20 < pow(10, serialDigits) && count < 2000;
    let serial = roomy ? rng.int(1, 20) : 1;
    const prefix = String(i + 1).padStart(prefixDigits, '0');

    // Names: numbered schools in towns and district centres, village schools elsewhere.
    const numbers = rng.shuffle(Array.from({ length: urbanCount[i] }, (_, k) => k + 1));
    let nextNumber = 0;
    const villages = rng.shuffle(VILLAGES.filter((v) => v !== mu.centre));
    const villageUse = new Map<string, number>();
    let nextVillage = 0;

    for (let k = 0; k < count; k++) {
      const urban = kinds[k];
      const code = prefix + String(serial).padStart(serialDigits, '0');
      serial += roomy ? rng.int(1, 3) : 1;

      let type: SchoolType;
      let cohort: number;
      let elite = false;
      const r = rng.next();
      if (urban && mu.town) {
        type = r < 0.86 ? 'secondary' : r < 0.93 ? 'basic' : 'primary';
        elite = type === 'secondary' && rng.next() < (mu.townIndex === 0 ? 0.16 : 0.1);
        cohort = mu.townIndex === 0 ? rng.int(55, 130) : rng.int(35, 100);
        if (type === 'primary') cohort = mround(cohort * 0.6);
      } else if (urban) {
        type = r < 0.9 ? 'secondary' : 'basic';
        cohort = rng.int(20, 60);
      } else {
        type = r < 0.45 ? 'secondary' : r < 0.77 ? 'basic' : 'primary';
        const x = rng.next();
        cohort = type === 'secondary' ? 5 + mround(17 * x * sqrt(x))
          : type === 'basic' ? 2 + mround(10 * x * x)
          : 1 + floor(6 * x);
      }
      const grades = type === 'primary' ? 4 : type === 'basic' ? 9 : 10;
      const pupils = mmax(type === 'primary' ? 2 : 5, mround(grades * cohort * (1 + 0.06 * rng.normal())));
      const small = !urban && cohort <= 10;

      let name: string;
      const abbr = type === 'primary' ? 'НОШ' : type === 'basic' ? 'ООШ' : 'СОШ';
      if (urban) {
        const num = numbers[nextNumber++];
        const place = mu.town ? mu.genitive : mu.centre;
        const form = mu.town && mu.townIndex === 0 ? 'МАОУ' : 'МОБУ';
        const kind = elite ? (rng.next() < 0.5 ? 'Гимназия' : 'Лицей') : abbr;
        name = `${form} «${kind} № ${num} ${place}»`;
      } else {
        const v = villages[nextVillage++ % villages.length];
        const used = (villageUse.get(v) ?? 0) + 1;
        villageUse.set(v, used);
        name = `МОБУ «${abbr}${used > 1 ? ` № ${used}` : ''} ${v}»`;
      }

      // Latent social disadvantage and quality.
      const u = rng.normal() + (urban ? (mu.town ? -0.85 : -0.3) : 0.4) - (elite ? 0.6 : 0);
      const own = rng.normal();
      const ind = STANDARD_INDICATORS.map(() => 0.12 * rng.normal());
      const soc = [0, 1, 2, 3, 4, 5].map(() => rng.normal());
      // Each of the three factors also carries its own bit of the quality (so each has weight in the
      // regression); the candidates do not.
      const muQ = -0.26 * u + 0.06 * soc[0] - 0.15 * soc[1] - 0.08 * soc[2] + 0.18 * own
        + (urban ? 0.05 : -0.025) + (elite ? 0.25 : 0);
      schools.push({
        code, name, muni: i, urban, type, elite, cohort, pupils, small,
        u, mu: muQ, spread: rng.uniform(0.9, 1.1), ind, soc,
      });
    }
  }
  return schools;
}

function plantSpecialSchools(rng: Rng, schools: School[]): { resilient: School[]; lowGood: School[] } {
  const n = schools.length;
  if (n < 30) return { resilient: [], lowGood: [] };
  const nRes = mmax(2, mround((n * 8) / 300));
  const nLow = mmax(1, mround((n * 4) / 300));
  // Resilient: rural schools big enough for a significant result, a few urban ones in poor areas.
  const ruralPool = rng.shuffle(schools.filter((s) => !s.urban && s.type !== 'primary' && s.cohort >= 10));
  const urbanPool = rng.shuffle(schools.filter((s) => s.urban && !s.elite && s.type === 'secondary'));
  const nResRural = mmin(ruralPool.length, mround(nRes * 0.75));
  const resilient = [...ruralPool.slice(0, nResRural), ...urbanPool.slice(0, nRes - nResRural)];
  const taken = new Set(resilient);
  const lowGood = urbanPool.filter((s) => !taken.has(s) && s.cohort >= 15).slice(0, nLow);
  for (const s of resilient) {
    s.u = 2.1 + 0.35 * abs(rng.normal());
    s.mu = 0.6 + 0.08 * rng.normal();
    s.elite = false;
  }
  for (const s of lowGood) {
    s.u = -1.7 - 0.35 * abs(rng.normal());
    s.mu = -0.55 + 0.08 * rng.normal();
  }
  return { resilient, lowGood };
}

function pickMissingSocial(rng: Rng, schools: School[], planted: { resilient: School[]; lowGood: School[] }): Set<string> {
  const special = new Set([...planted.resilient, ...planted.lowGood]);
  const want = schools.length >= 100 ? 3 : schools.length >= 20 ? 2 : 0;
  const pool = rng.shuffle(schools.filter((s) => !special.has(s)));
  return new Set(pool.slice(0, want).map((s) => s.code));
}

// ---------------------------------------------------------------------------------------------
// Results

function makeResults(rng: Rng, schools: School[], years: number[]): Grid {
  const grid: Grid = [BASE_RESULT_HEADERS.slice()];
  const ind = STANDARD_INDICATORS;
  const procedure = ind.map((k) => k.procedure);
  const subject = ind.map((k) => k.subject);
  const grade = ind.map((k) => k.grade);

  for (const year of years) {
    for (const s of schools) {
      const yearEffect = 0.05 * rng.normal();
      // Cohorts of the year: grades 4, 5, 9, 11.
      const c4 = cohortOf(rng, s.cohort, 1);
      const c5 = cohortOf(rng, s.cohort, 1);
      const c9 = cohortOf(rng, s.cohort * (s.urban ? 0.95 : 0.9), 1);
      const c11 = cohortOf(rng, s.cohort * (s.urban ? 0.55 : 0.45), 0);
      for (const k of INDICATORS_BY_TYPE[s.type]) {
        const spec = ind[k];
        const cohort = spec.grade === 4 ? c4 : spec.grade === 5 ? c5 : spec.grade === 9 ? c9 : c11;
        const rate = spec.procedure === 'ВПР' ? 0.93 : spec.procedure === 'ОГЭ' ? 0.97
          : spec.subject === 'Русский язык' ? 0.98 : clamp(0.5 + 0.15 * s.mu, 0.25, 0.8);
        const nk = rng.binomial(cohort, rate);
        const level = s.mu + yearEffect + s.ind[k] + 0.05 * rng.normal();
        if (nk === 0) continue;
        if (spec.procedure === 'ЕГЭ') {
          const sd = 14.5 * s.spread;
          let sum = 0;
          let sumSq = 0;
          let fail = 0;
          for (let i = 0; i < nk; i++) {
            let score = mround(spec.base + 16 * level + sd * rng.normal());
            score = score < 0 ? 0 : score > 100 ? 100 : score;
            sum += score;
            sumSq += score * score;
            if (score < spec.minScore) fail++;
          }
          const mean = sum / nk;
          const sdOut = nk > 1 ? sqrt(mmax(0, (sumSq - nk * mean * mean) / (nk - 1))) : null;
          grid.push([year, s.code, procedure[k], grade[k], subject[k], nk, round(mean, 2),
            sdOut === null ? null : round(sdOut, 2), fail, null, null, null, null]);
        } else {
          const w = s.spread;
          const p2 = phi((spec.t2 - level) / w);
          const p3 = phi((spec.t3 - level) / w);
          const p4 = phi((spec.t4 - level) / w);
          let m2 = 0;
          let m3 = 0;
          let m4 = 0;
          let m5 = 0;
          for (let i = 0; i < nk; i++) {
            const x = rng.next();
            if (x < p2) m2++;
            else if (x < p3) m3++;
            else if (x < p4) m4++;
            else m5++;
          }
          if (spec.procedure === 'ВПР') {
            grid.push([year, s.code, procedure[k], grade[k], subject[k], nk, null, null, null, m2, m3, m4, m5]);
          } else {
            const sum = 2 * m2 + 3 * m3 + 4 * m4 + 5 * m5;
            const mean = sum / nk;
            const ss = m2 * (2 - mean) ** 2 + m3 * (3 - mean) ** 2 + m4 * (4 - mean) ** 2 + m5 * (5 - mean) ** 2;
            const sdOut = nk > 1 ? round(sqrt(ss / (nk - 1)), 2) : null;
            grid.push([year, s.code, procedure[k], grade[k], subject[k], nk, round(mean, 2), sdOut, m2, m2, m3, m4, m5]);
          }
        }
      }
    }
  }
  return grid;
}

/** Pupils in one grade this year around the school's mean cohort. */
function cohortOf(rng: Rng, mean: number, min: number): number {
  const c = mround(mean * (1 + 0.15 * rng.normal()) + (mean < 8 ? rng.uniform(-1, 1) : 0));
  return c <= min ? min : c;
}

// ---------------------------------------------------------------------------------------------
// Social data

/**
 * Logit of each factor's probability given the latent disadvantage u: the three factors follow u
 * clearly; large families and unemployed parents weakly; pupils with disabilities not at all.
 */
function socialLogits(s: School): number[] {
  const rural = s.urban ? 0 : 1;
  return [
    -1.05 - 0.5 * s.u + 0.25 * s.soc[0], // higher education ↓ with u
    -3.9 + 0.5 * s.u + 0.5 * s.soc[1], // КДН ↑
    -1.15 + 0.3 * s.u + 0.3 * s.soc[2], // single-parent families ↑
    -1.7 + 0.35 * rural + 0.1 * s.u + 0.3 * s.soc[3], // large families (weak)
    -2.7 + 0.3 * rural + 0.2 * s.u + 0.4 * s.soc[4], // unemployed parents (weak)
    -3.0 + 0.4 * s.soc[5], // pupils with disabilities (none)
  ];
}

function makeSocial(rng: Rng, schools: School[], years: number[], missingLastYear: Set<string>): Grid {
  const grid: Grid = [SOCIAL_HEADERS.slice()];
  const last = years[years.length - 1];
  for (const year of years) {
    const back = last - year;
    for (const s of schools) {
      // Pupils that year: «Обучающихся» is this year's number; earlier years drift a little.
      const pupils = back === 0 ? s.pupils : mmax(2, mround(s.pupils * (1 + 0.04 * back * rng.normal())));
      const logits = socialLogits(s);
      const row: Cell[] = [year, s.code];
      for (let f = 0; f < logits.length; f++) {
        const p = logistic(logits[f] + 0.08 * rng.normal());
        const count = rng.binomial(pupils, p);
        row.push(round((100 * count) / pupils, 1));
      }
      if (year === last && missingLastYear.has(s.code)) continue;
      grid.push(row);
    }
  }
  return grid;
}
