/**
 * Apps Script entry (placeholder until the Google Sheets issue fills it): top-level functions are
 * exposed with `global.X = …` so gas-webpack-plugin writes Apps Script stubs for them.
 */
import { qualityIndexColumn } from '../shared/custom-functions';

declare const global: Record<string, unknown>;

/**
 * Индекс качества подготовки школы: средний балл школы / среднее по региону, по каждому показателю, затем среднее.
 * @param {any[][]} means Средние баллы: строки — школы, столбцы — показатели.
 * @return {any[][]} Индекс качества для каждой школы.
 * @customfunction
 */
global.QUALITY_INDEX = function QUALITY_INDEX(means: unknown[][]) {
  return qualityIndexColumn(means as never);
};
