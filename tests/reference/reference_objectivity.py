#!/usr/bin/python3
"""
Independent reference for the Рособрнадзор markers of non-objective results (issue 14).

Written from the method's text (issue 14, docs/methodology.md «Objectivity of results»), not
from the engine: it generates a region with per-pupil ВПР and ОГЭ results, reduces the pupils to
the per-school cells of «Результаты» (what the importers write), and computes, from the pupils
themselves, every marker, the regional intervals (regional SD of all pupils: numpy std, ddof=1),
the quartiles of K (numpy percentile, linear interpolation), Spearman's rₛ (scipy.stats.spearmanr,
average ranks), the region's binomial addition and both indices.

Usage: reference_objectivity.py SCHOOLS SEED [MIN_PARTICIPANTS]  → JSON on stdout:
  { "year", "schools": [{code, name, municipality, planted: [kinds]}],
    "rows": [{year, code, procedure, grade, subject, n, "2".."5", mean?, sd?, primaryMean?, ...}],
    "expected": { markers: [ids], status: {code: [status per marker]}, k: {code: [K per subject]},
                  low: {code: [school interval low per procedure]}, intervals: [...], cohorts: [...],
                  loweredShares: [...], index, indexWithAdditions, municipalities: [...] } }
"""
import json
import sys
import warnings

import numpy as np
from scipy import stats

Z = 1.96
YEAR = 2025
SUBJECTS = ['Математика', 'Русский язык']
PROCS = [('ВПР', 4, 'Математика'), ('ВПР', 4, 'Русский язык'), ('ВПР', 5, 'Математика'), ('ВПР', 5, 'Русский язык'),
         ('ОГЭ', 9, 'Математика'), ('ОГЭ', 9, 'Русский язык')]
KEYS = [f'{p}-{g} {s}' for p, g, s in PROCS]
MAX = {KEYS[0]: 20, KEYS[1]: 38, KEYS[2]: 19, KEYS[3]: 45, KEYS[4]: 31, KEYS[5]: 33}
MARKERS = ([f'inflated-mean:{k}' for k in KEYS] + [f'journal-mismatch:{k}' for k in KEYS[:4]] +
           [f'sharp-rise:{s}' for s in SUBJECTS] + [f'sharp-drop:{s}' for s in SUBJECTS] +
           [f'journal-lowered:{k}' for k in KEYS[:4]])
ROSOBRNADZOR = 14


def mark_of(score, mx):
    f = score / mx
    return np.where(f < 0.3, 2, np.where(f < 0.55, 3, np.where(f < 0.8, 4, 5)))


def generate(n_schools, seed):
    rng = np.random.default_rng(seed)
    municipalities = [f'Муниципалитет {i + 1}' for i in range(12)]
    schools = []
    pupils = {}  # (year, code, key) -> dict(score, mark, journal or None)
    for i in range(n_schools):
        code = f'{100000 + i}'
        planted = []
        u = rng.random()
        if i % 25 == 3:
            planted.append('inflated')
        elif i % 25 == 11:
            planted.append('anti-journal')
        elif i % 25 == 17:
            planted.append('cohort-drop')
        elif i % 50 == 21:
            planted.append('cohort-rise')
        effect = rng.normal(0, 0.25)
        small = u < 0.06  # a small school: 1–6 pupils per procedure
        schools.append({'code': code, 'name': f'МБОУ «СОШ № {i + 1}»', 'municipality': municipalities[i % 12], 'planted': planted})
        for year in (YEAR - 1, YEAR):
            for key in KEYS:
                grade4 = key.startswith('ВПР-4')
                if year == YEAR - 1 and not grade4:
                    continue
                if rng.random() < 0.04:
                    continue  # the school did not write this procedure
                m = int(rng.integers(1, 7)) if small else int(rng.integers(8, 90))
                mx = MAX[key]
                ability = effect + rng.normal(0, 0.9, m)
                p = 1 / (1 + np.exp(-(ability + 0.2)))
                if 'inflated' in planted and year == YEAR:
                    p = np.minimum(0.98, p + 0.3)
                if 'cohort-drop' in planted and grade4 and year == YEAR - 1:
                    p = np.minimum(0.99, p + 0.45)
                if 'cohort-rise' in planted and key.startswith('ВПР-5') and year == YEAR:
                    p = np.minimum(0.99, p + 0.4)
                if 'cohort-rise' in planted and grade4 and year == YEAR - 1:
                    p = p * 0.4
                score = rng.binomial(mx, p).astype(float)
                mark = mark_of(score, mx)
                journal = None
                if key.startswith('ВПР'):
                    true_p = 1 / (1 + np.exp(-(ability + 0.2)))
                    true_mark = mark_of(np.clip(mx * true_p + rng.normal(0, 2, m), 0, mx), mx)
                    journal = true_mark.astype(float)
                    if 'anti-journal' in planted and year == YEAR:
                        order = np.argsort(np.argsort(score))
                        journal = (5 - np.floor(order * 4 / max(m, 1))).clip(2, 5)
                    missing = rng.random(m) < 0.1
                    journal = np.where(missing, np.nan, journal)
                pupils[(year, code, key)] = {'score': score, 'mark': mark, 'journal': journal}
    return schools, pupils, rng


def build(n_schools, seed, min_n):
    schools, pupils, rng = generate(n_schools, seed)
    rows = []
    # Which cells are written: decided per school × procedure, deterministically from the rng.
    no_rs = {}      # (year, code, key) -> True when only the comparison report is given (no rₛ)
    on_marks = {}   # ОГЭ rows written without an SD (marks only)
    with_pct = {}
    for (year, code, key), d in pupils.items():
        proc, rest = key.split('-')
        grade, subject = rest.split(' ', 1)
        score, mark = d['score'], d['mark']
        m = len(score)
        row = {'year': year, 'code': code, 'procedure': proc, 'grade': int(grade), 'subject': subject, 'n': m}
        for v in (2, 3, 4, 5):
            row[str(v)] = int(np.sum(mark == v))
        if proc == 'ОГЭ':
            row['mean'] = float(np.mean(score))
            # Without an SD (always for one participant) the reader takes the marks' mean and SD.
            if rng.random() < 0.2 or m == 1:
                on_marks[(year, code, key)] = True
            elif m > 1:
                row['sd'] = float(np.std(score, ddof=1))
        else:
            row['primaryMean'] = float(np.mean(score))
            row['primaryMax'] = MAX[key]
            if m > 1:
                row['primarySD'] = float(np.std(score, ddof=1))
            if rng.random() < 0.5:
                row['percent'] = float(np.mean(score) / MAX[key] * 100)
                with_pct[(year, code, key)] = True
            if year == YEAR:
                j = d['journal']
                has = ~np.isnan(j)
                only_comparison = rng.random() < 0.3
                rs = np.nan
                if has.sum() >= 2 and not only_comparison:
                    rs = stats.spearmanr(j[has], score[has]).statistic
                if not only_comparison and np.isfinite(rs):
                    row['spearman'] = float(rs)
                    row['spearmanN'] = int(has.sum())
                else:
                    no_rs[(year, code, key)] = True
                if has.sum() > 0 and rng.random() < 0.9:
                    jm = j[has]
                    mk = mark[has]
                    row['lowered'] = float(np.mean(mk < jm) * 100)
                    row['confirmed'] = float(np.mean(mk == jm) * 100)
                    row['raised'] = float(np.mean(mk > jm) * 100)
                    row['comparisonN'] = int(has.sum())
        rows.append(row)
    return schools, pupils, rows, no_rs, on_marks


def expected_of(schools, pupils, rows, no_rs, on_marks, min_n):
    codes = [s['code'] for s in schools]
    status = {c: ['no-data'] * len(MARKERS) for c in codes}
    lows = {c: [None] * len(KEYS) for c in codes}
    ks = {c: [None, None] for c in codes}
    row_of = {(r['year'], r['code'], f"{r['procedure']}-{r['grade']} {r['subject']}"): r for r in rows}
    intervals = []
    # 1. Inflated mean, the region from all its pupils.
    for k, key in enumerate(KEYS):
        here = [(c, pupils[(YEAR, c, key)]) for c in codes if (YEAR, c, key) in pupils]
        bases = [('primary', None)] if key.startswith('ВПР') else [('score', False), ('marks', True)]
        for basis, marks in bases:
            group = [(c, d) for c, d in here if marks is None or bool(on_marks.get((YEAR, c, key))) == marks]
            if not group:
                continue
            value = (lambda d: d['mark'].astype(float)) if marks else (lambda d: d['score'])
            allv = np.concatenate([value(d) for _, d in group])
            mean, sd = float(np.mean(allv)), float(np.std(allv, ddof=1))
            high = mean + Z * sd / np.sqrt(len(allv))
            intervals.append({'indicator': key, 'basis': basis, 'participants': len(allv), 'schools': len(group), 'mean': mean, 'sd': sd,
                              'low': mean - Z * sd / np.sqrt(len(allv)), 'high': high})
            for c, d in group:
                v = value(d)
                m = len(v)
                if m < min_n or m < 2:
                    continue
                low = float(np.mean(v) - Z * np.std(v, ddof=1) / np.sqrt(m))
                lows[c][k] = low
                status[c][k] = 'marked' if low > high else 'clear'
    # 2. Journal: rₛ < 0 from the pupils; the addition where rₛ is not given.
    lowered_shares = []
    for k, key in enumerate(KEYS[:4]):
        lowered = compared = 0
        for c in codes:
            r = row_of.get((YEAR, c, key))
            if r is not None and 'lowered' in r:
                d = pupils[(YEAR, c, key)]
                has = ~np.isnan(d['journal'])
                lowered += int(np.sum(d['mark'][has] < d['journal'][has]))
                compared += int(has.sum())
        p0 = lowered / compared if compared else None
        lowered_shares.append(p0)
        for c in codes:
            r = row_of.get((YEAR, c, key))
            if r is None:
                continue
            d = pupils[(YEAR, c, key)]
            has = ~np.isnan(d['journal'])
            if not no_rs.get((YEAR, c, key)):
                status[c][14 + k] = 'n/a'
                if has.sum() < min_n:
                    continue
                rs = stats.spearmanr(d['journal'][has], d['score'][has]).statistic
                status[c][6 + k] = 'marked' if rs < 0 else 'clear'
                continue
            if 'lowered' not in r or has.sum() < min_n or not p0 or p0 >= 1:
                continue
            p = np.sum(d['mark'][has] < d['journal'][has]) / has.sum()
            z = (p - p0) / np.sqrt(p0 * (1 - p0) / has.sum())
            status[c][14 + k] = 'marked' if z >= Z else 'clear'
    # 3. K = S(4, Y−1) / S(5, Y), quartiles with numpy's linear interpolation.
    cohorts = []
    for j, subject in enumerate(SUBJECTS):
        kv = {}
        for c in codes:
            a, b = pupils.get((YEAR - 1, c, f'ВПР-4 {subject}')), pupils.get((YEAR, c, f'ВПР-5 {subject}'))
            if a is None or b is None or len(a['score']) < min_n or len(b['score']) < min_n:
                continue
            s4 = np.mean(a['score']) / MAX[f'ВПР-4 {subject}'] * 100
            s5 = np.mean(b['score']) / MAX[f'ВПР-5 {subject}'] * 100
            if s5 > 0:
                kv[c] = float(s4 / s5)
        if not kv:
            continue
        vals = np.array(list(kv.values()))
        q25, q75 = np.percentile(vals, 25), np.percentile(vals, 75)
        iqr = q75 - q25
        lo, hi = q25 - 3 * iqr, q75 + 3 * iqr
        cohorts.append({'subject': subject, 'count': len(vals), 'q25': float(q25), 'q75': float(q75), 'iqr': float(iqr), 'low': float(lo), 'high': float(hi)})
        for c, v in kv.items():
            ks[c][j] = v
            status[c][10 + j] = 'marked' if v < lo else 'clear'
            status[c][12 + j] = 'marked' if v > hi else 'clear'

    def index(group, with_additions):
        n = len(MARKERS) if with_additions else ROSOBRNADZOR
        computed = [c for c in group if any(s in ('marked', 'clear') for s in status[c][:n])]
        marked = [c for c in computed if 'marked' in status[c][:n]]
        return (100 - 100 * len(marked) / len(computed)) if computed else None, len(computed), len(marked)

    munis = []
    for name in sorted({s['municipality'] for s in schools}):
        group = [s['code'] for s in schools if s['municipality'] == name]
        i, comp, mk = index(group, False)
        munis.append({'name': name, 'schools': len(group), 'computed': comp, 'marked': mk, 'index': i, 'indexWithAdditions': index(group, True)[0]})
    i, comp, mk = index(codes, False)
    return {
        'markers': MARKERS, 'status': status, 'k': ks, 'low': lows, 'intervals': intervals, 'cohorts': cohorts,
        'loweredShares': lowered_shares, 'index': i, 'computed': comp, 'marked': mk,
        'indexWithAdditions': index(codes, True)[0], 'municipalities': munis,
    }


def main():
    warnings.simplefilter('ignore')
    n_schools, seed = int(sys.argv[1]), int(sys.argv[2])
    min_n = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    schools, pupils, rows, no_rs, on_marks = build(n_schools, seed, min_n)
    expected = expected_of(schools, pupils, rows, no_rs, on_marks, min_n)
    json.dump({'year': YEAR, 'schools': schools, 'rows': rows, 'expected': expected}, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main()
