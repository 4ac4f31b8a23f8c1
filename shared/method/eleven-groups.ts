/**
 * The eleven-group scale shared by the quality index and the ИСБШ (METHODOLOGY.md § 3):
 * d = (value − 1) / σ, band = clamp(round(d / width), −5, 5), group = 6 + band.
 */
import { clamp, roundHalfAway } from './statistics';

/**
 * Group 1–11 by distance from the regional average alone (no significance gate).
 * @example bandGroup(0.8, 0.1, 0.5) // d = −2, band = −4 → 2
 */
export function bandGroup(value: number, sigma: number, width = 0.5): number {
  const d = (value - 1) / sigma;
  return 6 + clamp(roundHalfAway(d / width), -5, 5);
}

/**
 * Quality group with the significance gate: not significant → 6; significantly below → at most 5;
 * significantly above → at least 7. A null/NaN z skips the gate (band rule only).
 * @example gatedGroup(0.99, 0.1, -2.5) // band rounds to 6, z significant → 5
 */
export function gatedGroup(value: number, sigma: number, z: number | null, zCritical = 1.96, width = 0.5): number {
  const group = bandGroup(value, sigma, width);
  if (z === null || Number.isNaN(z)) return group;
  if (z <= -zCritical) return Math.min(group, 5);
  if (z >= zCritical) return Math.max(group, 7);
  return 6;
}
