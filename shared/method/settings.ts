/**
 * The «Настройки» sheet: two columns «Параметр» and «Значение»; a key may repeat to make a list.
 * Anything absent takes the default of METHODOLOGY.md, and the engine says which defaults it used.
 */
import { MSG, SHEETS, locate } from '../messages';
import { cellText, parseNumber } from '../input/numbers';
import { findHeader, normalizeHeader } from '../input/table';
import type { Grid, Problem } from '../types';
import { indicatorKeyFromText } from './indicators';

export type Method = 'regional' | 'federal' | 'both';

export interface Settings {
  /** Year to identify; null = the latest year in «Результаты». */
  year: number | null;
  method: Method;
  /** Critical |z| of the significance gate and of "above expected". */
  zCritical: number;
  /** Width of one group in SDs of the index (0.5). */
  bandWidth: number;
  /** Participants over all indicators needed for a quality group. */
  minParticipants: number;
  /** Failure share that makes an indicator low (0.30). */
  failShare: number;
  /** Participants in an indicator needed for the federal rule. */
  minIndicatorParticipants: number;
  /** Low indicators needed to flag a school by the federal rule. */
  minLowIndicators: number;
  /** 'all' = every indicator in the year's data, else keys such as «ОГЭ-9 Математика». */
  indicators: 'all' | string[];
  /** Headers of «Социальные показатели» used as ИСБШ factors. */
  factors: string[];
  /** Years a status must hold to be stable (2 = this year and the previous one). */
  stabilityYears: number;
  /** Weights of indicators in the composite index. */
  indicatorWeights: 'equal' | 'participants';
  /** How the regional mean of an indicator is taken. */
  regionalMean: 'unweighted' | 'weighted';
  /** Nearest schools by ИСБШ used to place a school among similar ones. */
  similarCount: number;
  /** Partner schools suggested to each ШНОР. */
  maxPartners: number;
  /** Participants a school needs in a procedure for a marker of non-objective results (m, both S of K). */
  objectivityMinParticipants: number;
}

export const STANDARD_INDICATORS = [
  'ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык',
  'ОГЭ-9 Математика', 'ОГЭ-9 Русский язык', 'ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык',
];

export const STANDARD_FACTORS = [
  'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %',
];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  year: null,
  method: 'regional',
  zCritical: 1.96,
  bandWidth: 0.5,
  minParticipants: 10,
  failShare: 0.3,
  minIndicatorParticipants: 5,
  minLowIndicators: 1,
  indicators: STANDARD_INDICATORS,
  factors: STANDARD_FACTORS,
  stabilityYears: 2,
  indicatorWeights: 'equal',
  regionalMean: 'unweighted',
  similarCount: 20,
  maxPartners: 3,
  objectivityMinParticipants: 5,
});

type NumberKey = 'zCritical' | 'bandWidth' | 'minParticipants' | 'minIndicatorParticipants' | 'minLowIndicators' |
  'stabilityYears' | 'similarCount' | 'maxPartners' | 'objectivityMinParticipants';

/** A setting's identity: the field of `Settings` it sets. */
export type SettingKey = keyof Settings;

/** Where a setting's value came from: its default, the «Настройки» sheet, or the run (a wizard or --year). */
export type SettingSource = 'default' | 'sheet' | 'run';

interface Param {
  /** The field it sets; «Индикаторы» and «Индикатор» both set `indicators`. */
  key: SettingKey;
  title: string;
  /** Other titles read as this one (earlier wordings of the sheet). */
  aliases?: string[];
  /** How the default reads in the «defaults used» note. */
  defaultText: string;
  apply(settings: Settings, values: string[], raw: Grid[number][number][]): string | null;
}

function numberParam(key: NumberKey, title: string, opts: { integer?: boolean; min: number; max: number }): Param {
  return {
    key,
    title,
    defaultText: `${title} = ${String(DEFAULT_SETTINGS[key]).replace('.', ',')}`,
    apply(settings, values, raw) {
      const parsed = parseNumber(raw[0]);
      const ok = parsed.kind === 'number' && parsed.value >= opts.min && parsed.value <= opts.max &&
        (!opts.integer || Number.isInteger(parsed.value));
      if (!ok) {
        const range = `от ${String(opts.min).replace('.', ',')} до ${String(opts.max).replace('.', ',')}`;
        return MSG.badSettingValue(values[0], `${opts.integer ? 'целое число' : 'число'} ${range}`);
      }
      settings[key] = (parsed as { value: number }).value;
      return null;
    },
  };
}

function choiceParam<K extends 'method' | 'indicatorWeights' | 'regionalMean'>(
  key: K, title: string, choices: Record<string, Settings[K]>, defaultWord: string,
): Param {
  return {
    key,
    title,
    defaultText: `${title} = ${defaultWord}`,
    apply(settings, values) {
      const choice = choices[normalizeHeader(values[0])];
      if (choice === undefined) return MSG.badSettingValue(values[0], Object.keys(choices).map((c) => `«${c}»`).join(' или '));
      settings[key] = choice;
      return null;
    },
  };
}

const PARAMS: Param[] = [
  {
    key: 'year',
    title: 'Год',
    defaultText: 'Год = последний год на листе «Результаты»',
    apply(settings, values, raw) {
      const parsed = parseNumber(raw[0]);
      if (parsed.kind !== 'number' || !Number.isInteger(parsed.value) || parsed.value < 1990 || parsed.value > 2100) {
        return MSG.badSettingValue(values[0], 'год, например 2025');
      }
      settings.year = parsed.value;
      return null;
    },
  },
  choiceParam('method', 'Метод', { региональный: 'regional', федеральный: 'federal', оба: 'both' }, 'региональный'),
  { ...numberParam('zCritical', 'Критическое значение z', { min: 0.5, max: 5 }), aliases: ['Уровень значимости, z', 'Критическое значение z (уровень значимости 0,05)'] },
  numberParam('bandWidth', 'Ширина группы, σ', { min: 0.05, max: 5 }),
  numberParam('minParticipants', 'Минимум участников', { integer: true, min: 1, max: 100000 }),
  {
    key: 'failShare',
    title: 'Порог неуспешности, %',
    defaultText: 'Порог неуспешности, % = 30',
    apply(settings, values, raw) {
      const parsed = parseNumber(raw[0]);
      if (parsed.kind !== 'number' || parsed.value <= 0 || parsed.value > 100) return MSG.badSettingValue(values[0], 'процент от 0 до 100');
      // «0,3» in a percent-formatted cell arrives as a fraction.
      settings.failShare = !parsed.percent && parsed.value < 1 ? parsed.value : parsed.value / 100;
      return null;
    },
  },
  numberParam('minIndicatorParticipants', 'Минимум участников в показателе', { integer: true, min: 1, max: 100000 }),
  numberParam('minLowIndicators', 'Минимум показателей', { integer: true, min: 1, max: 100 }),
  {
    key: 'indicators',
    title: 'Индикаторы',
    defaultText: 'Индикаторы = восемь стандартных (ВПР-4, ВПР-5, ОГЭ-9, ЕГЭ-11 по математике и русскому языку)',
    apply(settings, values) {
      const v = normalizeHeader(values[0]);
      if (v === 'все') settings.indicators = 'all';
      else if (v === 'стандартные') settings.indicators = STANDARD_INDICATORS;
      else return MSG.badSettingValue(values[0], '«все» или «стандартные» (отдельные показатели задаются строками «Индикатор»)');
      return null;
    },
  },
  {
    key: 'indicators',
    title: 'Индикатор',
    defaultText: '',
    apply(settings, values) {
      settings.indicators = values.map(indicatorKeyFromText);
      return null;
    },
  },
  {
    key: 'factors',
    title: 'Фактор ИСБШ',
    defaultText: `Факторы ИСБШ = ${STANDARD_FACTORS.map((f) => `«${f}»`).join(', ')}`,
    apply(settings, values) {
      settings.factors = values;
      return null;
    },
  },
  numberParam('stabilityYears', 'Лет для устойчивости', { integer: true, min: 1, max: 10 }),
  choiceParam('indicatorWeights', 'Веса показателей', { равные: 'equal', поучастникам: 'participants' }, 'равные'),
  choiceParam('regionalMean', 'Региональное среднее', { невзвешенное: 'unweighted', взвешенное: 'weighted' }, 'невзвешенное'),
  numberParam('similarCount', 'Число похожих школ', { integer: true, min: 1, max: 1000 }),
  numberParam('maxPartners', 'Число партнёров', { integer: true, min: 0, max: 20 }),
  numberParam('objectivityMinParticipants', 'Минимум участников для признаков объективности', { integer: true, min: 1, max: 100000 }),
];

/** Every setting, in the order of the sheet. */
export const SETTING_KEYS: readonly SettingKey[] = PARAMS.map((p) => p.key).filter((k, i, all) => all.indexOf(k) === i);

/** The Russian descriptions of these settings' defaults, in the order of the sheet. */
export function defaultsText(keys: readonly SettingKey[]): string[] {
  return PARAMS.filter((p) => p.defaultText && keys.includes(p.key)).map((p) => p.defaultText);
}



export interface SettingsReading {
  settings: Settings;
  /** Russian descriptions of the defaults that were used. */
  defaultsUsed: string[];
  /** The settings that took their default (absent from the sheet, or given a value that does not fit). */
  defaultKeys: SettingKey[];
  problems: Problem[];
}

/**
 * Reads «Настройки». A missing sheet means all defaults.
 * @example readSettings([['Параметр', 'Значение'], ['Год', 2025]]).settings.year // 2025
 */
export function readSettings(grid: Grid | undefined): SettingsReading {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const problems: Problem[] = [];
  const given = new Map<Param, { values: string[]; raw: Grid[number][number][]; row: number }>();
  const header = grid ? findHeader(grid, [
    { key: 'param', title: 'Параметр', required: true },
    { key: 'value', title: 'Значение', required: true },
  ]) : null;
  if (grid && grid.length > 0 && (!header || header.missing.length > 0)) {
    problems.push({ sheet: SHEETS.settings, row: null, column: null, severity: 'warning',
      message: `${MSG.missingColumns(SHEETS.settings, ['Параметр', 'Значение'])}: настройки не прочитаны, взяты значения по умолчанию` });
  } else if (grid && header) {
    const pc = header.columns.param!;
    const vc = header.columns.value!;
    const byTitle = new Map(PARAMS.flatMap((p) => [p.title, ...(p.aliases ?? [])].map((t) => [normalizeHeader(t), p] as const)));
    for (let r = header.headerRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const key = cellText(row[pc]);
      const value = cellText(row[vc]);
      if (!key && !value) continue;
      const param = byTitle.get(normalizeHeader(key));
      if (!param) {
        problems.push({ sheet: SHEETS.settings, row: r + 1, column: 'Параметр', severity: 'warning', message: `${locate(SHEETS.settings, r + 1, 'Параметр')}: ${MSG.unknownSetting(key)}` });
        continue;
      }
      if (!value) continue;
      const entry = given.get(param) ?? { values: [], raw: [], row: r + 1 };
      entry.values.push(value);
      entry.raw.push(row[vc]);
      given.set(param, entry);
    }
  }
  // A value that does not fit leaves the default in place: that default is reported as used too.
  const rejected = new Set<Param>();
  for (const [param, entry] of given) {
    const error = param.apply(settings, entry.values, entry.raw);
    if (error) {
      rejected.add(param);
      problems.push({ sheet: SHEETS.settings, row: entry.row, column: 'Значение', severity: 'warning', message: `${locate(SHEETS.settings, entry.row, 'Значение')}: ${error}` });
    }
  }
  const taken = new Set([...given.keys()].filter((p) => !rejected.has(p)).map((p) => p.key));
  const defaultKeys = SETTING_KEYS.filter((k) => !taken.has(k));
  const defaultsUsed = defaultsText(defaultKeys);
  return { settings, defaultsUsed, defaultKeys, problems };
}

/**
 * The settings a run used, one row per parameter, as an analyst checks them: title, value in
 * Russian, and where it came from: the default, «Настройки», or the run (a wizard's settings step,
 * --year). A setting is known by its key, never by its title.
 */
export function describeSettings(settings: Settings, sources: SettingSources, indicators: string[]): [string, string, string][] {
  const num = (x: number) => String(x).replace('.', ',');
  const rows: [SettingKey, string, string][] = [
    ['year', 'Год', settings.year === null ? 'последний в данных' : String(settings.year)],
    ['method', 'Метод', { regional: 'региональный', federal: 'федеральный', both: 'оба' }[settings.method]],
    ['zCritical', 'Критическое значение z', num(settings.zCritical)],
    ['bandWidth', 'Ширина группы, σ', num(settings.bandWidth)],
    ['minParticipants', 'Минимум участников', num(settings.minParticipants)],
    ['failShare', 'Порог неуспешности, %', num(Math.round(settings.failShare * 1e6) / 1e4)],
    ['minIndicatorParticipants', 'Минимум участников в показателе', num(settings.minIndicatorParticipants)],
    ['minLowIndicators', 'Минимум показателей', num(settings.minLowIndicators)],
    ['indicators', 'Индикаторы', indicators.join('; ')],
    ['factors', 'Фактор ИСБШ', settings.factors.join('; ')],
    ['stabilityYears', 'Лет для устойчивости', num(settings.stabilityYears)],
    ['indicatorWeights', 'Веса показателей', settings.indicatorWeights === 'equal' ? 'равные' : 'по участникам'],
    ['regionalMean', 'Региональное среднее', settings.regionalMean === 'unweighted' ? 'невзвешенное' : 'взвешенное'],
    ['similarCount', 'Число похожих школ', num(settings.similarCount)],
    ['maxPartners', 'Число партнёров', num(settings.maxPartners)],
    ['objectivityMinParticipants', 'Минимум участников для признаков объективности', num(settings.objectivityMinParticipants)],
  ];
  return rows.map(([key, title, value]) => [title, value, SOURCE_TEXT[sourceOf(sources, key)]]);
}

/** Where each setting of a run came from; `defaultKeys` and `runKeys` do not overlap. */
export interface SettingSources {
  /** Settings at their default. */
  defaultKeys: readonly SettingKey[];
  /** Settings the run set to a value other than the sheet's (a wizard, --year). */
  runKeys?: readonly SettingKey[];
}

export const SOURCE_TEXT: Record<SettingSource, string> = {
  default: 'по умолчанию',
  sheet: 'лист «Настройки»',
  run: 'задано при запуске',
};

export function sourceOf(sources: SettingSources, key: SettingKey): SettingSource {
  if (sources.runKeys?.includes(key)) return 'run';
  return sources.defaultKeys.includes(key) ? 'default' : 'sheet';
}
