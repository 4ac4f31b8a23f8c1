#!/usr/bin/python3
"""Reference values for tests/engine/social-index.test.ts and partners.test.ts.

Independent of the engine: numpy + statsmodels (Debian /usr/bin/python3).
Run:  /usr/bin/python3 tests/engine/reference/isbsh_reference.py

Case 1 (`fit`): a plain OLS of y on two factors, for fitSocialModel().
Case 2 (`region`): the small region of social-index.test.ts, one indicator (ОГЭ-9 Математика),
computed end to end by METHODOLOGY.md precise rules 1-10 (only the regression is statsmodels).
"""
import math

import numpy as np
import statsmodels.api as sm
from scipy import stats  # noqa: F401  (only to make sure the same stack as statsmodels is used)


def round_half_away(x):
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def band_group(v, sigma, width=0.5):
    return 6 + max(-5, min(5, round_half_away((v - 1) / sigma / width)))


def gated(v, sigma, z, zc=1.96):
    g = band_group(v, sigma)
    if z is None:
        return g
    if z <= -zc:
        return min(g, 5)
    if z >= zc:
        return max(g, 7)
    return 6


def ols(y, X, names):
    y = np.asarray(y, float)
    X = np.asarray(X, float)
    res = sm.OLS(y, sm.add_constant(X)).fit()
    sdy = np.std(y, ddof=1)
    print('  intercept', repr(res.params[0]))
    for j, name in enumerate(names):
        beta = res.params[j + 1] * np.std(X[:, j], ddof=1) / sdy
        print('  %s b=%r se=%r t=%r p=%r beta=%r' % (name, res.params[j + 1], res.bse[j + 1], res.tvalues[j + 1], res.pvalues[j + 1], beta))
    print('  r2', repr(res.rsquared), 'adjR2', repr(res.rsquared_adj), 'n', int(res.nobs), 'residualSD', repr(math.sqrt(res.scale)))
    return res


print('== fit: y on x1, x2 (6 points)')
ols([0.8, 0.9, 1.05, 1.0, 1.1, 1.15],
    [[10, 3], [20, 5], [30, 2], [40, 6], [50, 4], [60, 1]], ['x1', 'x2'])

print('== region')
FACTORS = ['Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %']
# code: (municipality, n, mean, factors or None where a factor is missing, large families %)
schools = {
    'S01': ('Район А', 25, 3.0, [20, 5, 40], 15),
    'S02': ('Район Б', 25, 3.4, [25, 4, 35], 12),
    'S03': ('Район А', 25, 3.6, [35, 3, 30], 10),
    'S04': ('Район Б', 25, 3.8, [30, 2, 32], 11),
    'S05': ('Район А', 25, 4.2, [45, 2, 25], 8),
    'S06': ('Район Б', 25, 4.4, [40, 1, 28], 9),
    'S07': ('Район Б', 25, 4.6, [24, 4, 36], 14),
    'S08': ('Район А', 25, 5.0, [60, 0.5, 22], 6),
    'S09': ('Район А', 6, 4.0, [50, 1, 25], 7),
    'S10': ('Район Б', 25, 4.0, None, 8),
}
SD = 0.8
codes = list(schools)
X = np.mean([schools[c][2] for c in codes])
print('  X', repr(X))
qi = {c: schools[c][2] / X for c in codes}
se = {c: SD / (math.sqrt(schools[c][1]) * X) for c in codes}
z = {c: (qi[c] - 1) / se[c] for c in codes}
eligible = [c for c in codes if schools[c][1] >= 10]
sigma_q = np.std([qi[c] for c in eligible], ddof=1)
print('  sigmaQI', repr(sigma_q))
group = {c: gated(qi[c], sigma_q, z[c]) if c in eligible else None for c in codes}
sample = [c for c in codes if group[c] is not None and schools[c][3] is not None]
print('  fit sample', sample)
res = ols([qi[c] for c in sample], [schools[c][3] for c in sample], FACTORS)
b = res.params


def yhat(c):
    return b[0] + sum(b[j + 1] * schools[c][3][j] for j in range(3))


withf = [c for c in codes if schools[c][3] is not None]
mean_yhat = np.mean([yhat(c) for c in sample])
isbsh = {c: yhat(c) / mean_yhat for c in withf}
sigma_i = np.std([isbsh[c] for c in sample], ddof=1)
print('  sigmaISBSH', repr(sigma_i))
igroup = {c: band_group(isbsh[c], sigma_i) for c in withf}
for c in codes:
    r = qi[c] - yhat(c) if (c in withf and group[c] is not None) else None
    rz = r / se[c] if r is not None else None
    low_q = group[c] is not None and group[c] <= 5
    low_i = c in igroup and igroup[c] <= 4
    high = group[c] is not None and group[c] >= 7
    cat = ('ШНОР и ШФНСУ' if low_q and low_i else 'ШНОР' if low_q else 'резильентная' if low_i and high else
           'ШФНСУ' if low_i else 'высокие результаты' if high else 'средние' if group[c] == 6 else None)
    print('  %s qi=%r se=%r z=%r group=%s yhat=%s isbsh=%s igroup=%s residual=%s rz=%s category=%s' % (
        c, qi[c], se[c], z[c], group[c], repr(yhat(c)) if c in withf else None, repr(isbsh.get(c)),
        igroup.get(c), repr(r), repr(rz), cat))

print('== candidate «Многодетные семьи, %» added to the three factors')
ext = ols([qi[c] for c in sample], [schools[c][3] + [schools[c][4]] for c in sample], FACTORS + ['Многодетные семьи, %'])
print('  adjR2 gain', repr(ext.rsquared_adj - res.rsquared_adj))
