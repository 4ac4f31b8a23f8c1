/**
 * «Индивидуальные результаты» of ВПР 2025 Математика 4 класс for the demo (`demo.html?sample=pupils`):
 * the demo region's own pupils (examples/demo-pupils.ts) of one municipality, in the ФИС ОКО layout —
 * the grid of examples/vpr-pupils/vpr-2025-4-matematika-individualnye.xlsx.
 */
import { exampleMunicipality, pupilReportOf } from '../../examples/demo-pupils';
import { DEMO_REGION_NAME, Rng, generateRegionWithSummary } from '../../examples/demo-region';
import { pupilReportGrid } from '../../examples/fis-oko-reports';
import type { Cell } from '../../shared/types';

export const SAMPLE_PUPILS_SHEET = 'ВПР 4 математика ученики';

export function samplePupilReport(): Cell[][] {
  const built = generateRegionWithSummary();
  const { codes } = exampleMunicipality(built.tables.schools, built.summary.objectivityPlanted);
  const schools = new Map(built.tables.schools.slice(1).map((r) => [String(r[0]), { name: String(r[1]), municipality: String(r[2]) }]));
  return pupilReportGrid(pupilReportOf(new Rng(2025), built.pupils, { year: 2025, grade: '4', subject: 'Математика' }, codes, schools, `${DEMO_REGION_NAME}(reg99)`));
}
