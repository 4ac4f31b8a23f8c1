/**
 * The small region of tests/engine/reference/isbsh_reference.py («== region»): one indicator
 * (ОГЭ-9 Математика, SD 0.8 everywhere), three standard factors plus «Многодетные семьи, %».
 */
import type { RegionTables } from '../../shared/types';
import { STANDARD_FACTORS, resultsGrid, schoolsGrid, settingsGrid, socialGrid } from './helpers';

const REGION: Record<string, [mun: string, n: number, mean: number, factors: (number | string)[], large: number]> = {
  S01: ['Район А', 25, 3.0, [20, 5, 40], 15],
  S02: ['Район Б', 25, 3.4, [25, 4, 35], 12],
  S03: ['Район А', 25, 3.6, [35, 3, 30], 10],
  S04: ['Район Б', 25, 3.8, [30, 2, 32], 11],
  S05: ['Район А', 25, 4.2, [45, 2, 25], 8],
  S06: ['Район Б', 25, 4.4, [40, 1, 28], 9],
  S07: ['Район Б', 25, 4.6, [24, 4, 36], 14],
  S08: ['Район А', 25, 5.0, [60, 0.5, 22], 6],
  S09: ['Район А', 6, 4.0, [50, 1, 25], 7], // small school: no quality group, ИСБШ still computed
  S10: ['Район Б', 25, 4.0, [40, 2, 'н/д'], 8], // a factor missing: no ИСБШ
};

export function regionTables(edit: (code: string, factors: (number | string)[]) => (number | string)[] = (_, f) => f): RegionTables {
  const codes = Object.keys(REGION);
  return {
    schools: schoolsGrid(codes.map((code) => ({ code, municipality: REGION[code][0] }))),
    results: resultsGrid(codes.map((code) => ({ code, n: REGION[code][1], mean: REGION[code][2], sd: 0.8 }))),
    social: socialGrid(codes.map((code) => ({ code, values: [...edit(code, REGION[code][3]), REGION[code][4]] })), [...STANDARD_FACTORS, 'Многодетные семьи, %']),
    settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]),
  };
}

