/**
 * One setup for the Excel bridge tests: a demo region in the office-addin-mock workbook
 * (tests/addin-fake-excel.ts) and a bridge over it with settings kept in memory.
 */
import { generateRegion } from '../examples/demo-region';
import { ExcelBridge, type SettingsStore } from '../addin/taskpane/excel-bridge';
import type { Settings } from '../shared/method/settings';
import type { Cell, Grid, RegionTables } from '../shared/types';
import { FakeExcel } from './addin-fake-excel';

/** Settings kept in memory, as the add-in keeps them in the document. */
export function memoryStore(): SettingsStore & { value: Partial<Settings> } {
  const store = {
    value: {} as Partial<Settings>,
    get: () => store.value,
    set: async (v: Partial<Settings>) => { store.value = v; },
  };
  return store;
}

/** The four input sheets of `t`, plus any `extra` sheets. */
export function workbookOf(t: RegionTables, extra: Record<string, Grid> = {}): Record<string, Cell[][]> {
  return { 'Школы': t.schools, 'Результаты': t.results, 'Социальные показатели': t.social!, 'Настройки': t.settings!, ...extra };
}

export const clone = (g: Cell[][]) => g.map((r) => [...r]);

/** A demo region of `schools` schools in a fake workbook, with `extra` sheets (or sheets made from the region). */
export function setup(schools: number, extra: Record<string, Grid> | ((t: RegionTables) => Record<string, Grid>) = {}) {
  const tables = generateRegion({ schools });
  const fake = new FakeExcel(workbookOf(tables, typeof extra === 'function' ? extra(tables) : extra));
  return { tables, fake, bridge: new ExcelBridge(fake.runner, memoryStore()) };
}
