/**
 * What the wizard's steps share: the state that survives re-renders, the bridge to the host, and
 * render/act, so each step (wizard-data.ts, wizard-settings.ts, wizard-results.ts) builds its part
 * of the page from the same context. Everything the user reads here is Russian.
 */
import { fmt, counted, type CountedNoun, type GrammaticalCase } from '../shared/messages';
import type { Settings } from '../shared/method/settings';
import type { DataCheck, ExportImportReport, ExportKind, FactorCandidate, Problem, RunProgress, SheetPreview, WizardBridge } from './bridge';
import type { WizardRunSummary } from './core';
import type { Child } from './dom';

export type Step = 'data' | 'settings' | 'run' | 'results';
export const STEPS: { key: Step; title: string }[] = [
  { key: 'data', title: 'Данные' }, { key: 'settings', title: 'Настройки' }, { key: 'run', title: 'Расчёт' }, { key: 'results', title: 'Результаты' },
];

/** Rows shown in a list before «the rest is on the sheet». */
export const LIST_LIMIT = 200;
/** Problems shown before «show all». */
export const PROBLEM_LIMIT = 100;

export interface State {
  step: Step;
  busy: string | null;
  error: string | null;
  notice: string | null;
  check: DataCheck | null;
  saved: Partial<Settings>;
  settings: Settings;
  candidates: FactorCandidate[] | null;
  progress: RunProgress;
  summary: WizardRunSummary | null;
  showAllProblems: boolean;
  listTab: 'shnor' | 'shfnsu' | 'resilient';
  sheets: SheetPreview[] | null;
  importSheet: string | null;
  /** The analytical note made last (a blob: URL the wizard revokes when replaced). */
  note: { fileName: string; url: string } | null;
  noteCards: boolean;
  templateStart: string;
  templateReport: { title: string; created: string[]; existing: string[] } | null;
  exp: ExportState;
}


/** «Импорт выгрузок»: the form's values survive re-renders here. */
export interface ExportState {
  open: boolean;
  sheets: SheetPreview[] | null;
  kind: ExportKind;
  sheet: string | null;
  year: string;
  mapping: string;
  report: ExportImportReport | null;
  /** The request the report answers (kind, sheet, year, mapping) and whether it was a preview. */
  reportKey: string | null;
  reportPreview: boolean;
}

export const EXPORT_KINDS: { kind: ExportKind; title: string }[] = [
  { kind: 'vpr', title: 'ВПР — статистика по отметкам (ФИС ОКО)' },
  { kind: 'vpr-pupils', title: 'ВПР — индивидуальные результаты (ФИС ОКО)' },
  { kind: 'vpr-journal', title: 'ВПР — сравнение с отметками по журналу (ФИС ОКО)' },
  { kind: 'oge', title: 'ОГЭ — результаты по школам' },
  { kind: 'ege', title: 'ЕГЭ — результаты по школам' },
  { kind: 'passport', title: 'Социальный паспорт школ' },
];

/** The wizard as its steps see it. */
export interface WizardContext {
  st: State;
  bridge: WizardBridge;
  /** The wizard's own element (scrolls; downloads are attached to it). */
  container: HTMLElement;
  render(): void;
  act(label: string, fn: () => Promise<void>): Promise<void>;
  busyLine(): Child;
  /** Reads the workbook again (the data step). */
  check(): Promise<void>;
  problemsBlock(problems: Problem[], errors: number, warnings: number): HTMLElement;
}

export function message(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return text || 'Неизвестная ошибка';
}

export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : fmt(x, digits));
export const count = (n: number, word: CountedNoun, c: GrammaticalCase = 'nom') => counted(n, word, c);

export function columnName(i: number): string {
  let out = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Scatter of quality index (y) against ИСБШ (x), coloured by category, with the quadrant lines. */
