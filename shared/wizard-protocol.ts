/**
 * What the identification wizard shows, as plain JSON-friendly data: the same for the Excel task
 * pane, the Google Sheets sidebar (across google.script.run) and the browser demo.
 */
import { toContractJson, type ContractJson } from './contract';
import type { Identification } from './method/identify';
import { CATEGORY, CATEGORY_ORDER, type Category, SHEETS } from './messages';
import { readRegion } from './input/read-region';
import { sheetNamesOf, withSheetNames } from './input/sheet-names';
import { markerLabel, outputSheets } from './report-tables';
import { objectivityIndexLine } from './objectivity/sheet';
import { type Settings, readSettings } from './method/settings';
import { type MunicipalityRow, isShnor, lastRow, municipalitySummary, noStatusText } from './method/summary';
import type { Problem, RegionTables } from './types';

/** The data step: what was found in the workbook and every problem in it. */
export interface DataCheck {
  sheets: { name: string; found: boolean; rows: number; required: boolean }[];
  schools: number;
  years: number[];
  indicators: string[];
  socialColumns: string[];
  settings: Settings;
  defaultsUsed: string[];
  problems: Problem[];
  errors: number;
  warnings: number;
}

/**
 * Reads and validates the input grids without running the identification.
 * @example checkData(tables).errors // 0 when the workbook is ready
 */
export function checkData(tables: RegionTables): DataCheck {
  const { data, problems } = readRegion(tables);
  const settings = readSettings(tables.settings);
  const all = withSheetNames([...settings.problems, ...problems], sheetNamesOf(tables));
  const count = (g: RegionTables[keyof RegionTables]) => (g ? g.filter((r) => r && r.some((c) => c !== null && c !== undefined && c !== '')).length : 0);
  return {
    sheets: [
      { name: SHEETS.schools, found: !!tables.schools?.length, rows: count(tables.schools), required: true },
      { name: SHEETS.results, found: !!tables.results?.length, rows: count(tables.results), required: true },
      { name: SHEETS.social, found: !!tables.social?.length, rows: count(tables.social), required: false },
      { name: SHEETS.settings, found: !!tables.settings?.length, rows: count(tables.settings), required: false },
    ],
    schools: data.schools.length,
    years: data.years,
    indicators: [...data.indicatorYears.keys()],
    socialColumns: data.socialColumns,
    settings: settings.settings,
    defaultsUsed: settings.defaultsUsed,
    problems: all,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
  };
}

export interface ListEntry {
  code: string;
  name: string;
  municipality: string;
  category: Category | null;
  qualityIndex: number | null;
  qualityGroup: number | null;
  isbsh: number | null;
  isbshGroup: number | null;
  change: string | null;
  /** A ШНОР without «впервые»/«повторно»: why (see noStatusText). */
  noStatus: string | null;
  reason: string;
  partners: string[];
}

/** The results step: counts, the model, the lists, points for the scatter chart. */
export interface RunSummary {
  ok: boolean;
  year: number | null;
  previousYear: number | null;
  schools: number;
  byCategory: { category: Category; count: number }[];
  /** Schools with no category: with `byCategory` they add up to `schools`. */
  noCategory: number;
  lowResults: number;
  federalLow: number;
  model: ContractJson['model'];
  modelMessage: string | null;
  municipalities: MunicipalityRow[];
  lists: { shnor: ListEntry[]; shfnsu: ListEntry[]; resilient: ListEntry[] };
  points: { code: string; qualityIndex: number; isbsh: number; category: Category | null }[];
  sheetsWritten: string[];
  /** The markers of non-objective results: the index line, municipalities, the marked schools (labels). */
  objectivity: {
    index: number | null;
    line: string;
    municipalities: { name: string; index: number | null; computed: number; marked: number }[];
    schools: { code: string; name: string; municipality: string; markers: string[] }[];
  };
  problems: Problem[];
}

function entry(s: Identification['schools'][number], previousYear: number | null): ListEntry {
  return {
    noStatus: noStatusText(s, previousYear),
    code: s.code, name: s.name, municipality: s.municipality, category: s.category, qualityIndex: s.qualityIndex,
    qualityGroup: s.qualityGroup, isbsh: s.isbsh, isbshGroup: s.isbshGroup, change: s.change, reason: s.reason, partners: s.partners,
  };
}

export function summarizeRun(result: Identification): RunSummary {
  const total = result.ok ? lastRow(municipalitySummary(result)) : null;
  return {
    ok: result.ok,
    year: result.year,
    previousYear: result.previousYear,
    schools: result.schools.length,
    byCategory: CATEGORY_ORDER.map((category) => ({ category, count: total ? total.byCategory[category] : 0 })),
    noCategory: total ? total.noCategory : 0,
    lowResults: result.schools.filter((s) => s.lowResults).length,
    federalLow: result.schools.filter((s) => s.federalLow).length,
    model: toContractJson(result).model,
    modelMessage: result.modelMessage,
    municipalities: result.ok ? municipalitySummary(result) : [],
    lists: {
      shnor: result.schools.filter(isShnor).map((s) => entry(s, result.previousYear)),
      shfnsu: result.schools.filter((s) => s.category === CATEGORY.lowSocial || s.category === CATEGORY.both).map((s) => entry(s, result.previousYear)),
      resilient: result.schools.filter((s) => s.category === CATEGORY.resilient).map((s) => entry(s, result.previousYear)),
    },
    points: result.schools
      .filter((s) => s.qualityIndex !== null && s.isbsh !== null && s.qualityGroup !== null)
      .map((s) => ({ code: s.code, qualityIndex: s.qualityIndex!, isbsh: s.isbsh!, category: s.category })),
    sheetsWritten: result.ok ? outputSheets(result).map((s) => s.name) : [],
    objectivity: {
      index: result.objectivity.index,
      line: objectivityIndexLine(result.objectivity),
      municipalities: result.objectivity.municipalities.map(({ name, index, computed, marked }) => ({ name, index, computed, marked })),
      schools: result.objectivity.schools.filter((s) => s.markers.length)
        .map((s) => ({ code: s.code, name: s.name, municipality: s.municipality, markers: s.markers.map(markerLabel) })),
    },
    problems: result.problems,
  };
}
