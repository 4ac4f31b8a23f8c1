/**
 * Facts of the programme indicators that the identification itself measures: the share of schools
 * analysed, the shares of ШНОР, ШФНСУ, stably low and stably high schools, and the share of ШНОР with
 * positive dynamics per procedure and subject. Everything else is filled in by people.
 */
import type { Identification, SchoolResult } from '../method/identify';
import { CATEGORY, NOUN, counted, plural } from '../messages';
import { type DynamicsShare, isShfnsu, isShnor, shnorPositiveDynamics } from '../method/summary';

export interface ShareFact {
  count: number;
  of: number;
  share: number | null;
  /** «12 из 80 школ с группой по качеству (идентификация 2025 года)». */
  source: string;
}

export interface IdentificationFacts {
  year: number;
  municipality: string | null;
  schools: number;
  /** Schools with a quality group among all on «Школы». */
  analysed: ShareFact;
  shnor: ShareFact;
  /** ИСБШ groups 1–4 among schools with an ИСБШ group. */
  shfnsu: ShareFact;
  /** ШНОР in this year and the previous one, among analysed schools. */
  stableLow: ShareFact;
  /** Quality group ≥ 7 in this year and the previous one, among analysed schools. */
  stableHigh: ShareFact;
  /** «ШНОР и ШФНСУ», «ШНОР», «ШФНСУ»: the schools a programme is for. */
  identified: SchoolResult[];
  dynamics: (DynamicsShare & { source: string })[];
}

/** «12 из 300 школ …»: after «из» the noun is genitive — «из 21 школы», «из 300 школ». */
function share(count: number, of: number, what: string, year: number): ShareFact {
  const noun = plural(of, NOUN.school, 'gen');
  return { count, of, share: of ? count / of : null, source: `${count} из ${of} ${noun} ${what} (идентификация ${year} года)` };
}

/** Schools counted as identified for a support programme. */
export function isIdentified(s: SchoolResult): boolean {
  return s.category === CATEGORY.both || s.category === CATEGORY.lowResults || s.category === CATEGORY.lowSocial;
}

/**
 * The facts for the whole region, or for one municipality's schools.
 * @example identificationFacts(result).analysed.share // 267 / 300 = 0.89 in the demo region
 */
export function identificationFacts(result: Identification, municipality: string | null = null): IdentificationFacts {
  const year = result.year!;
  const schools = municipality ? result.schools.filter((s) => s.municipality === municipality) : result.schools;
  const analysed = schools.filter((s) => s.qualityGroup !== null);
  const withIsbsh = schools.filter((s) => s.isbshGroup !== null);
  const scope: Identification = municipality ? { ...result, schools } : result;
  const dynamics = shnorPositiveDynamics(scope).map((d) => ({
    ...d,
    source: d.measured
      ? `${d.positive} из ${d.measured} ШНОР с результатами «${d.indicator}» в ${year - 1} и ${year} годах (идентификация ${year} года)`
      : `нет ШНОР с результатами «${d.indicator}» в ${year - 1} и ${year} годах`,
  }));
  return {
    year,
    municipality,
    schools: schools.length,
    analysed: share(analysed.length, schools.length, 'на листе «Школы»', year),
    shnor: share(schools.filter(isShnor).length, analysed.length, 'с группой по качеству', year),
    shfnsu: share(withIsbsh.filter(isShfnsu).length, withIsbsh.length, 'с группой по ИСБШ', year),
    stableLow: share(analysed.filter((s) => s.stable === true).length, analysed.length, 'с группой по качеству', year),
    stableHigh: share(
      analysed.filter((s) => s.qualityGroup! >= 7 && (s.previous?.qualityGroup ?? 0) >= 7).length,
      analysed.length, 'с группой по качеству', year,
    ),
    identified: schools.filter(isIdentified),
    dynamics,
  };
}
