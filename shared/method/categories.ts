/**
 * The category for support (METHODOLOGY.md § 7, precise rule 8), one per school and year.
 */
import { CATEGORY, type Category } from '../messages';

export interface CategoryInput {
  /** Low results by the chosen method (regional groups 1–5, federal flag, or either). */
  lowQuality: boolean;
  qualityGroup: number | null;
  isbshGroup: number | null;
}

/** ИСБШ groups 1–4: unfavourable social conditions. */
export function isLowIsbsh(group: number | null): boolean {
  return group !== null && group <= 4;
}

/**
 * @example schoolCategory({ lowQuality: true, qualityGroup: 3, isbshGroup: 2 }) // 'ШНОР и ШФНСУ'
 * @example schoolCategory({ lowQuality: false, qualityGroup: 8, isbshGroup: 3 }) // 'резильентная'
 */
export function schoolCategory({ lowQuality, qualityGroup, isbshGroup }: CategoryInput): Category | null {
  const lowSocial = isLowIsbsh(isbshGroup);
  const high = qualityGroup !== null && qualityGroup >= 7;
  if (lowQuality && lowSocial) return CATEGORY.both;
  if (lowQuality) return CATEGORY.lowResults;
  if (lowSocial && high) return CATEGORY.resilient;
  if (lowSocial) return CATEGORY.lowSocial;
  if (high) return CATEGORY.high;
  if (qualityGroup === 6) return CATEGORY.average;
  return null;
}

/** Category for the two bare groups, as the SCHOOL_CATEGORY custom function sees them (regional method). */
export function categoryFromGroups(qualityGroup: number | null, isbshGroup: number | null): Category | null {
  return schoolCategory({ lowQuality: qualityGroup !== null && qualityGroup <= 5, qualityGroup, isbshGroup });
}
