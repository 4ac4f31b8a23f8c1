/**
 * ИСБШ (METHODOLOGY.md § 4; precise rule 6). Regression numbers come from statsmodels:
 *   /usr/bin/python3 tests/engine/reference/isbsh_reference.py
 * (numpy 1.24.2, statsmodels 0.13.5); the values below are copied from its output, never from the engine.
 */
import { toContractJson } from '../../shared/contract';
import { identify } from '../../shared/method/identify';
import { fitSocialModel } from '../../shared/method/social-index';
import type { RegionTables } from '../../shared/types';
import {
  STANDARD_FACTORS, byCode, errorsOf, messages, nonFinitePaths, resultsGrid, schoolsGrid, settingsGrid, socialGrid, warningsOf,
} from './helpers';
import { regionTables } from './region-fixture';

describe('fitSocialModel: OLS with b, SE, t, p, beta, R², adjusted R², n, residual SD', () => {
  // == fit: y on x1, x2 (6 points)  (isbsh_reference.py)
  const y = [0.8, 0.9, 1.05, 1.0, 1.1, 1.15];
  const x = [[10, 3], [20, 5], [30, 2], [40, 6], [50, 4], [60, 1]];

  test('matches statsmodels OLS', () => {
    const fit = fitSocialModel(y, x, ['x1', 'x2']);
    if (!fit.ok) throw new Error(fit.message);
    const m = fit.model;
    expect(m.intercept).toBeCloseTo(0.8115384615384622, 10);
    expect(m.factors.map((f) => f.name)).toEqual(['x1', 'x2']);
    const [f1, f2] = m.factors;
    expect(f1.b).toBeCloseTo(0.006328671328671334, 12);
    expect(f1.se).toBeCloseTo(0.0012751456313853501, 12);
    expect(f1.t).toBeCloseTo(4.963096898819084, 9);
    expect(f1.p).toBeCloseTo(0.01570800130939757, 9);
    expect(f1.beta).toBeCloseTo(0.908075802589361, 10);
    expect(f2.b).toBeCloseTo(-0.00944055944055941, 12);
    expect(f2.se).toBeCloseTo(0.012751456313853498, 12);
    expect(f2.t).toBeCloseTo(-0.7403514710945566, 9);
    expect(f2.p).toBeCloseTo(0.5127647225219065, 9);
    expect(f2.beta).toBeCloseTo(-0.13545882138073287, 10);
    expect(m.r2).toBeCloseTo(0.9062114356232, 10);
    expect(m.adjR2).toBeCloseTo(0.8436857260386665, 10);
    expect(m.n).toBe(6);
    expect(m.residualSD).toBeCloseTo(0.05154941956358642, 10);
  });

  test('one factor by hand', () => {
    // x = 1..4, y = 0.8, 0.9, 1.1, 1.2: Sxx = 5, Sxy = 0.7 → b = 0.14, b0 = 1 − 0.14·2.5 = 0.65
    // residuals 0.01, −0.03, 0.03, −0.01 → SSR = 0.002; SST = 0.1 → R² = 0.98; adjR² = 1 − 0.02·3/2 = 0.97
    // residual SD = √(0.002/2) = √0.001; SE(b) = √0.001/√5 = 0.0141421; t = 0.14/0.0141421 = √98 = 9.899495
    // p (df 2) = 1 − t/√(t² + 2) = 1 − √98/10 = 0.0100505; beta = √R² = 0.9899495
    const fit = fitSocialModel([0.8, 0.9, 1.1, 1.2], [[1], [2], [3], [4]], ['x']);
    if (!fit.ok) throw new Error(fit.message);
    const m = fit.model;
    expect(m.intercept).toBeCloseTo(0.65, 12);
    expect(m.factors[0].b).toBeCloseTo(0.14, 12);
    expect(m.factors[0].se).toBeCloseTo(Math.sqrt(0.001 / 5), 12);
    expect(m.factors[0].t).toBeCloseTo(Math.sqrt(98), 8);
    expect(m.factors[0].p).toBeCloseTo(1 - Math.sqrt(98) / 10, 10);
    expect(m.factors[0].beta).toBeCloseTo(Math.sqrt(0.98), 10);
    expect(m.r2).toBeCloseTo(0.98, 12);
    expect(m.adjR2).toBeCloseTo(0.97, 12);
    expect(m.residualSD).toBeCloseTo(Math.sqrt(0.001), 12);
  });

  test('fewer schools than factors + 2: a plain message, no numbers', () => {
    const fit = fitSocialModel([1, 2, 3], [[1, 2], [2, 1], [3, 5]], ['a', 'b']);
    expect(fit).toEqual({ ok: false, message: 'Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами 3, нужно не меньше 4' });
  });

  test('a constant factor is named', () => {
    const fit = fitSocialModel([1, 2, 3, 4, 5], [[1, 7], [2, 7], [3, 7], [5, 7], [4, 7]], ['a', 'b']);
    expect(fit).toEqual({ ok: false, message: 'Модель ИСБШ не рассчитана: фактор «b» одинаков у всех школ выборки' });
  });

  test('collinear factors are named (only those involved)', () => {
    // c = 100 − a exactly; b is independent of them
    const rows = [[10, 3, 90], [20, 1, 80], [35, 4, 65], [40, 2, 60], [55, 5, 45], [60, 1, 40]];
    const fit = fitSocialModel([0.8, 0.9, 1, 1.05, 1.1, 1.2], rows, ['a', 'b', 'c']);
    expect(fit).toEqual({ ok: false, message: 'Модель ИСБШ не рассчитана: факторы «a», «c» линейно зависимы (один выражается через другие); уберите один из них на листе «Настройки»' });
  });

  test('a factor that is a combination of the two others: all three named', () => {
    // c = a + 2·b
    const rows = [[10, 3, 16], [20, 1, 22], [35, 4, 43], [40, 2, 44], [55, 5, 65], [60, 1, 62]];
    const fit = fitSocialModel([0.8, 0.9, 1, 1.05, 1.1, 1.2], rows, ['a', 'b', 'c']);
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.message).toBe('Модель ИСБШ не рассчитана: факторы «a», «b», «c» линейно зависимы (один выражается через другие); уберите один из них на листе «Настройки»');
  });
});

describe('ИСБШ end to end on a small region (statsmodels reference)', () => {
  const r = identify(regionTables());

  test('the run is clean apart from the missing factor of S10', () => {
    expect(r.ok).toBe(true);
    expect(errorsOf(r.problems)).toEqual([]);
    expect(messages(warningsOf(r.problems))).toContain('У 1 школы нет всех социальных показателей за год: ИСБШ для них не рассчитан');
  });

  test('quality side: X = 4, SE = 0.8/(√25·4) = 0.04, σ_QI over the 9 eligible schools', () => {
    expect(r.regionalMeans).toEqual([4]);
    expect(byCode(r, 'S01').qualityIndexSE).toBeCloseTo(0.04, 12);
    expect(byCode(r, 'S01').qualityZ).toBeCloseTo(-6.25, 10);
    expect(r.qualitySigma).toBeCloseTo(0.15612494995995996, 12);
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([3, 4, 5, 6, 6, 7, 8, 9, null, 6]);
  });

  test('model: fit sample = schools with a quality group and all factors (S01–S08)', () => {
    const m = r.model!;
    expect(m.n).toBe(8);
    expect(m.intercept).toBeCloseTo(0.49822142337434183, 10);
    expect(m.factors.map((f) => f.name)).toEqual(STANDARD_FACTORS);
    const expected = [
      { b: 0.008524773094036611, se: 0.016897593592806945, t: 0.5044962791426988, p: 0.6404358436388479, beta: 0.6745297715527103 },
      { b: -0.0512085715884818, se: 0.08758701172928685, t: -0.5846594212707792, p: 0.5901654195270177, beta: -0.4846813076172335 },
      { b: 0.011035488745650857, se: 0.0437291878090915, t: 0.2523597921330825, p: 0.8132000747088391, beta: 0.39513388165276714 },
    ];
    m.factors.forEach((f, j) => {
      expect(f.b).toBeCloseTo(expected[j].b, 10);
      expect(f.se).toBeCloseTo(expected[j].se, 10);
      expect(f.t).toBeCloseTo(expected[j].t, 8);
      expect(f.p).toBeCloseTo(expected[j].p, 8);
      expect(f.beta).toBeCloseTo(expected[j].beta, 8);
    });
    expect(m.r2).toBeCloseTo(0.5559099684351545, 10);
    expect(m.adjR2).toBeCloseTo(0.22284244476152038, 10);
    expect(m.residualSD).toBeCloseTo(0.14713731355025556, 10);
  });

  test('ИСБШ = ŷ / mean(ŷ over the fit sample), for every school with all factors (the small S09 too)', () => {
    const isbsh = [0.8540935771386989, 0.8927485704691094, 0.9740274292697031, 1.0046831128793037, 1.0553062880702968,
      1.096997460425548, 0.8952592861207237, 1.226884275626616, 1.1491387251289615];
    isbsh.forEach((v, i) => expect(r.schools[i].isbsh).toBeCloseTo(v, 10));
    expect(byCode(r, 'S10').isbsh).toBeNull();
    expect(r.isbshSigma).toBeCloseTo(0.12444301268616094, 10);
    expect(r.schools.map((s) => s.isbshGroup)).toEqual([4, 4, 6, 6, 7, 8, 4, 10, 8, null]);
  });

  test('residual = QI − ŷ only for schools with a quality group; above/below expected at ±1.96 SE', () => {
    const residuals = [-0.10409357713869927, -0.04274857046910985, -0.07402742926970352, -0.05468311287930416,
      -0.005306288070297205, 0.0030025395744517347, 0.25474071387927577, 0.023115724373383495];
    residuals.forEach((v, i) => expect(r.schools[i].residual).toBeCloseTo(v, 10));
    expect(byCode(r, 'S09').residual).toBeNull(); // no quality group
    expect(byCode(r, 'S10').residual).toBeNull(); // no ИСБШ
    expect(byCode(r, 'S01').residualZ).toBeCloseTo(-2.6023394284674817, 8);
    expect(r.schools.map((s) => s.contribution)).toEqual([-1, 0, 0, 0, 0, 0, 1, 0, null, null]);
  });

  test('categories follow precise rule 8', () => {
    expect(r.schools.map((s) => s.category)).toEqual([
      'ШНОР и ШФНСУ', 'ШНОР и ШФНСУ', 'ШНОР', 'средние', 'средние', 'высокие результаты', 'резильентная', 'высокие результаты', null, 'средние',
    ]);
  });

  test('the reason line carries the numbers', () => {
    // CI = 0.75 ± 1.96·0.04 = 0.6716 … 0.8284
    expect(byCode(r, 'S01').reason).toBe('индекс качества 0,75 (95% ДИ 0,67–0,83), группа 3; ИСБШ 0,85, группа 4; вклад школы −0,10 (ниже ожидаемого); вывод: индекс качества значимо ниже среднего по региону, социальные условия неблагоприятные');
    // S07 is not ШНОР and its ОГЭ interval lies above the region's, so the objectivity sentence (issue 14) follows:
    // region N = 231, x̄ = 924/231 = 4, SS = 9·24·0,64 + 5·0,64 + 25·3,12 = 219,44, upper 4 + 1,96·√(219,44/230)/√231 = 4,126;
    // S07: 4,6 − 1,96·0,8/5 = 4,286 above it (S06: 4,086, not).
    expect(byCode(r, 'S07').reason).toBe('индекс качества 1,15 (95% ДИ 1,07–1,23), группа 8; ИСБШ 0,90, группа 4; вклад школы +0,25 (выше ожидаемого); ' +
      'результаты, по которым школа не вошла в ШНОР, имеют признак необъективности «завышенный средний балл» (ОГЭ-9 Математика): проверьте их объективность; вывод: индекс качества значимо выше среднего по региону, социальные условия неблагоприятные');
    expect(r.objectivity.schools.find((s) => s.code === 'S07')!.markers).toEqual(['inflated-mean:ОГЭ-9 Математика']);
  });

  test('a candidate factor is reported with b, SE, t, p, beta and the gain in adjusted R²', () => {
    const c = r.candidates.find((x) => x.name === 'Многодетные семьи, %')!;
    expect(c.inModel).toBe(false);
    expect(c.n).toBe(8);
    expect(c.b).toBeCloseTo(0.2058238704926998, 10);
    expect(c.se).toBeCloseTo(0.08720679125640005, 10);
    expect(c.t).toBeCloseTo(2.3601816730941185, 8);
    expect(c.p).toBeCloseTo(0.09938356320177619, 8);
    expect(c.beta).toBeCloseTo(3.7251510857854413, 8);
    expect(c.adjR2).toBeCloseTo(0.6372853829484495, 10);
    expect(c.adjR2Gain).toBeCloseTo(0.4144429381869291, 10);
    const chosen = r.candidates.filter((x) => x.inModel).map((x) => x.name);
    expect(chosen).toEqual(STANDARD_FACTORS);
  });

  test('the contract JSON has plain numbers, no NaN', () => {
    const json = toContractJson(r);
    expect(nonFinitePaths(json)).toEqual([]);
    expect(json.model!.factors.map((f) => Object.keys(f))).toEqual(STANDARD_FACTORS.map(() => ['name', 'b', 'se', 't', 'p', 'beta']));
  });
});

describe('a model that cannot be fitted: plain Russian message, model null, no NaN in the JSON', () => {
  function expectNoModel(tables: RegionTables, message: string) {
    const r = identify(tables);
    expect(r.ok).toBe(true);
    expect(r.model).toBeNull();
    expect(r.modelMessage).toBe(message);
    expect(messages(r.problems)).toContain(message);
    expect(r.schools.every((s) => s.isbsh === null && s.isbshGroup === null && s.residual === null)).toBe(true);
    // quality groups and categories by quality still stand
    expect(r.schools.some((s) => s.qualityGroup !== null)).toBe(true);
    const json = toContractJson(r);
    expect(json.model).toBeNull();
    expect(nonFinitePaths(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
    return r;
  }

  test('too few schools for the model (fewer than factors + 2)', () => {
    // 4 schools with a quality group and all three factors < 3 + 2
    const tables: RegionTables = {
      schools: schoolsGrid(['A', 'B', 'C', 'D']),
      results: resultsGrid([{ code: 'A', n: 20, mean: 3 }, { code: 'B', n: 20, mean: 3.5 }, { code: 'C', n: 20, mean: 4.5 }, { code: 'D', n: 20, mean: 5 }]),
      social: socialGrid([{ code: 'A', values: [20, 5, 40] }, { code: 'B', values: [30, 3, 30] }, { code: 'C', values: [40, 2, 30] }, { code: 'D', values: [50, 1, 20] }]),
      settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]),
    };
    const r = expectNoModel(tables, 'Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами 4, нужно не меньше 5');
    expect(r.schools.map((s) => s.category)).toEqual(['ШНОР', 'ШНОР', 'высокие результаты', 'высокие результаты']);
  });

  test('a constant factor', () => {
    expectNoModel(regionTables((_, f) => [f[0], 2, f[2]]),
      'Модель ИСБШ не рассчитана: фактор «На учёте в КДН и ПДН, %» одинаков у всех школ выборки');
  });

  test('collinear factors', () => {
    expectNoModel(regionTables((_, f) => [f[0], f[1], 100 - (f[0] as number)]),
      'Модель ИСБШ не рассчитана: факторы «Родители с высшим образованием, %», «Неполные семьи, %» линейно зависимы (один выражается через другие); уберите один из них на листе «Настройки»');
  });
});

describe('factors', () => {
  test('a factor column that is not on the sheet: an error naming it and the columns there are', () => {
    const t = regionTables();
    const r = identify({ ...t, settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ['Фактор ИСБШ', 'Безработные родители, %']]) });
    expect(r.ok).toBe(false);
    expect(r.schools).toEqual([]);
    expect(messages(errorsOf(r.problems))).toEqual([
      'Фактор ИСБШ «Безработные родители, %» не найден на листе «Социальные показатели»; есть столбцы «Родители с высшим образованием, %», «На учёте в КДН и ПДН, %», «Неполные семьи, %», «Многодетные семьи, %»',
    ]);
  });

  test('«Фактор ИСБШ» rows choose the factors; matched case- and space-insensitively, named as on the sheet', () => {
    const t = regionTables();
    const r = identify({ ...t, settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ['Фактор ИСБШ', 'родители с высшим  образованием, %'], ['Фактор ИСБШ', 'МНОГОДЕТНЫЕ СЕМЬИ, %']]) });
    expect(r.ok).toBe(true);
    expect(r.model!.factors.map((f) => f.name)).toEqual(['Родители с высшим образованием, %', 'Многодетные семьи, %']);
    // S10 has both of these factors, so it now has an ИСБШ
    expect(byCode(r, 'S10').isbsh).not.toBeNull();
    expect(r.model!.n).toBe(9);
  });

  test('fractions 0–1 in a factor column are read as percentages: the model is the same', () => {
    const plain = identify(regionTables());
    const fractions = identify(regionTables((_, f) => [(f[0] as number) / 100, f[1], f[2]]));
    expect(messages(fractions.problems).some((m) => m.includes('«Родители с высшим образованием, %» все от 0 до 1'))).toBe(true);
    expect(fractions.model!.factors[0].b).toBeCloseTo(plain.model!.factors[0].b, 10);
    expect(byCode(fractions, 'S01').isbsh).toBeCloseTo(byCode(plain, 'S01').isbsh!, 10);
  });
});
