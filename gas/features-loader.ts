/**
 * Loads the feature bundle (dist/gas/Features.html, built from gas/features/index.ts) on demand.
 * Apps Script loads every script file (.gs) of a project on every custom function call, so the
 * big features (reporting, templates, the analytical note, the importers) live in an HTML file,
 * which Apps Script loads only when asked: its text is read with HtmlService and evaluated once per
 * execution with an indirect eval (global scope), which defines the global `ShnorFeatures`.
 * Only a type is imported from the bundle, so none of its code lands in Code.js.
 */
import type * as FeaturesModule from './features/index';
import { FEATURES_VERSION } from './features/version';

export type Features = typeof FeaturesModule;

/** The HTML file of the project holding the bundle (dist/gas/Features.html). */
export const FEATURES_FILE = 'Features';

let loaded: Features | null = null;

export function features(): Features {
  if (loaded) return loaded;
  const source = HtmlService.createHtmlOutputFromFile(FEATURES_FILE).getContent();
  // eval called as a property is an indirect eval: it runs in the global scope. (A bare `eval`
  // identifier would stop terser from shortening any name of Code.js: +7 KiB.) The script's
  // completion value is its last statement, the global the bundle assigned.
  const api = (globalThis as unknown as { eval(src: string): unknown }).eval(`${source}\n;ShnorFeatures`) as Features | undefined;
  if (!api || api.version !== FEATURES_VERSION) {
    throw new Error(`Файл ${FEATURES_FILE}.html проекта Apps Script устарел или повреждён: обновите проект (npm run push:gas)`);
  }
  loaded = api;
  return api;
}
