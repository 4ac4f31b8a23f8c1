/**
 * The federal criterion (METHODOLOGY.md § 5): an indicator is low when f / n ≥ threshold with at
 * least `minParticipants` participants; a school is flagged with at least `minLow` low indicators.
 */
import type { IndicatorMatrix } from './quality-index';

export interface FederalOptions {
  failShare: number;
  minParticipants: number;
  minLow: number;
}

/**
 * Low indicators (their column indexes) for one school.
 * @example lowIndicatorColumns(matrix, 3, { failShare: 0.3, minParticipants: 5, minLow: 1 }) // [4]
 */
export function lowIndicatorColumns(m: IndicatorMatrix, school: number, options: FederalOptions): number[] {
  const low: number[] = [];
  for (let k = 0; k < m.cols; k++) if (isLow(m, school * m.cols + k, options)) low.push(k);
  return low;
}

/** How many of one school's indicators are low (no array: the per-school count for a whole region). */
export function lowIndicatorCount(m: IndicatorMatrix, school: number, options: FederalOptions): number {
  let count = 0;
  for (let k = 0; k < m.cols; k++) if (isLow(m, school * m.cols + k, options)) count++;
  return count;
}

function isLow(m: IndicatorMatrix, i: number, options: FederalOptions): boolean {
  const n = m.n[i];
  const f = m.fails[i];
  return n >= options.minParticipants && !Number.isNaN(f) && f / n >= options.failShare;
}

/** True when the school has at least `minLow` low indicators. */
export function federalLow(lowCount: number, options: FederalOptions): boolean {
  return lowCount >= options.minLow;
}
