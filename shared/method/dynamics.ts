/**
 * Year-over-year dynamics per school and indicator (METHODOLOGY.md § 9): the change of the
 * indicator's quality index and of its failure share, "positive" when the change is beyond its
 * combined standard error in the good direction.
 */

export interface IndicatorChange {
  indicator: string;
  qiPrevious: number | null;
  qiCurrent: number | null;
  qiChange: number | null;
  qiChangeSE: number | null;
  failSharePrevious: number | null;
  failShareCurrent: number | null;
  failShareChange: number | null;
  failShareChangeSE: number | null;
  /** Quality index rose beyond its combined SE, or the failure share fell beyond its SE. Null when neither is measurable. */
  positive: boolean | null;
  /** Quality index fell beyond its combined SE, or the failure share rose beyond its SE. */
  negative: boolean | null;
}

export interface IndicatorSnapshot {
  qi: number;
  se: number;
  n: number;
  fails: number;
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Compares one indicator of one school between two years. NaN fields mean "not known".
 * @example indicatorChange('ОГЭ-9 Математика', { qi: 0.9, se: 0.02, n: 30, fails: 6 }, { qi: 0.97, se: 0.02, n: 28, fails: 2 })
 *   // qiChange 0.07 > SE 0.028 → positive
 */
export function indicatorChange(indicator: string, previous: IndicatorSnapshot, current: IndicatorSnapshot): IndicatorChange {
  const qiChange = current.qi - previous.qi;
  const qiSE = Math.sqrt(previous.se * previous.se + current.se * current.se);
  const p0 = previous.fails / previous.n;
  const p1 = current.fails / current.n;
  const failChange = p1 - p0;
  const failSE = Math.sqrt((p0 * (1 - p0)) / previous.n + (p1 * (1 - p1)) / current.n);
  const qiKnown = Number.isFinite(qiChange) && Number.isFinite(qiSE);
  const failKnown = Number.isFinite(failChange) && Number.isFinite(failSE);
  const up = qiKnown && qiChange > qiSE;
  const down = qiKnown && qiChange < -qiSE;
  const failDown = failKnown && failChange < -failSE;
  const failUp = failKnown && failChange > failSE;
  const known = qiKnown || failKnown;
  return {
    indicator,
    qiPrevious: orNull(previous.qi),
    qiCurrent: orNull(current.qi),
    qiChange: orNull(qiChange),
    qiChangeSE: orNull(qiSE),
    failSharePrevious: orNull(p0),
    failShareCurrent: orNull(p1),
    failShareChange: orNull(failChange),
    failShareChangeSE: orNull(failSE),
    positive: known ? (up || failDown) && !(down || failUp) : null,
    negative: known ? (down || failUp) && !(up || failDown) : null,
  };
}
