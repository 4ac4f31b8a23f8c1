#!/usr/bin/python3
"""Independent reference implementation of the school identification methodology.

Written from the specification documents only (shared/brief/METHODOLOGY.md, shared/brief/DATA.md,
docs/methodology-decisions.md), without reading the TypeScript engine, so that the two can be
cross-checked against each other.

usage: /usr/bin/python3 tests/reference/reference_identify.py CSV_DIR [--year YYYY] > out.json

CSV_DIR holds schools.csv, results.csv, social.csv and optionally settings.csv.
Needs numpy and statsmodels (Debian: python3-numpy, python3-statsmodels).
"""
import argparse
import csv
import io
import json
import math
import os
import sys

import numpy as np
import statsmodels.api as sm

# --------------------------------------------------------------------------------------------
# Text helpers

SPACES = ("\ufeff", "\xa0", "\u202f", "\u2007", "\u2009")


def norm_text(s):
    """Trim, unify spaces, collapse inner whitespace (for keys that keep their spaces)."""
    if s is None:
        return ""
    for ch in SPACES:
        s = s.replace(ch, " ")
    return " ".join(s.split())


def norm_header(s):
    """Case- and space-insensitive form of a header or a settings key."""
    return "".join(norm_text(s).lower().replace("ё", "е").split())


MISSING = {"", "н/д", "нд", "-", "—", "–", "нет данных", "n/a", "na", "nan"}


def parse_number(s):
    """Returns (value or None, ok). ok is False when the text is not a number and not a
    recognised 'missing' token."""
    if s is None:
        return None, True
    t = norm_text(s)
    if t.lower() in MISSING or t.startswith("#"):
        return None, True
    t = t.replace(" ", "")
    pct = t.endswith("%")
    if pct:
        t = t[:-1]
    t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None, False
    if math.isnan(v) or math.isinf(v):
        return None, True
    return v, True


def round_half_away(x):
    a = abs(x)
    f = math.floor(a)
    r = f + 1 if a - f >= 0.5 else f
    return int(r) if x >= 0 else -int(r)


def sample_sd(values):
    n = len(values)
    if n < 2:
        return None
    m = sum(values) / n
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


def fmt(x, nd=2):
    if x is None:
        return "н/д"
    return ("%.*f" % (nd, x)).replace(".", ",")


# --------------------------------------------------------------------------------------------
# Reading the CSV folder

SCHOOL_COLS = {
    "code": ["Код ОО", "Код", "Логин ОО", "ИНН"],
    "name": ["Наименование ОО", "Наименование", "ОО"],
    "mun": ["Муниципалитет", "МО", "Район", "Муниципальное образование"],
}
RESULT_COLS = {
    "year": ["Год"],
    "code": ["Код ОО", "Код", "Логин ОО", "ИНН"],
    "proc": ["Процедура"],
    "grade": ["Класс"],
    "subj": ["Предмет"],
    "n": ["Участников"],
    "mean": ["Средний балл"],
    "sd": ["Стандартное отклонение"],
    "fail": ["Не справились"],
}
for _m in (2, 3, 4, 5):
    RESULT_COLS["c%d" % _m] = [str(_m)]
    RESULT_COLS["p%d" % _m] = ["%d, %%" % _m, "%d%%" % _m]
SOCIAL_ID_COLS = {
    "year": ["Год"],
    "code": ["Код ОО", "Код", "Логин ОО", "ИНН"],
}
DEFAULT_FACTORS = ["Родители с высшим образованием, %", "На учёте в КДН и ПДН, %", "Неполные семьи, %"]
CANDIDATE_FACTORS = ["Многодетные семьи, %", "Безработные родители, %", "Под опекой, %",
                     "Приёмные семьи, %", "ОВЗ, %", "Не владеют русским языком, %"]
SETTINGS_COLS = {"param": ["Параметр"], "value": ["Значение"]}
DEFAULT_INDICATORS = ["ВПР-4 Математика", "ВПР-4 Русский язык", "ВПР-5 Математика",
                      "ВПР-5 Русский язык", "ОГЭ-9 Математика", "ОГЭ-9 Русский язык",
                      "ЕГЭ-11 Математика", "ЕГЭ-11 Русский язык"]


class Problems:
    def __init__(self):
        self.items = []
        self.errors = 0

    def add(self, sheet, row, column, message, error=False):
        self.items.append({"sheet": sheet, "row": row, "column": column,
                           "message": ("Ошибка: " if error else "") + message})
        if error:
            self.errors += 1


def read_sheet(path, colspec, extra_known=()):
    """Reads a CSV (UTF-8 with/without BOM, ';' or ',' separated, possibly with title rows above
    the header). Returns (header_cells, mapping canonical->index, rows[(line_no, cells)])."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
    known = {}
    for canon, names in colspec.items():
        for nm in names:
            known.setdefault(norm_header(nm), canon)
    known_all = set(known) | {norm_header(x) for x in extra_known}
    best = None
    for delim in (";", ","):
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
        for i, row in enumerate(rows[:30]):
            score = sum(1 for c in row if norm_header(c) in known_all)
            if score > 0:
                if best is None or score > best[0]:
                    best = (score, delim, i, rows)
                break
    if best is None:
        return None, None, None
    _, delim, hi, rows = best
    header = [norm_text(c) for c in rows[hi]]
    mapping = {}
    for j, c in enumerate(header):
        canon = known.get(norm_header(c))
        if canon is not None and canon not in mapping:
            mapping[canon] = j
    data = []
    for k in range(hi + 1, len(rows)):
        cells = rows[k]
        if all(norm_text(c) == "" for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        data.append((k + 1, cells))
    return header, mapping, data


def get(cells, mapping, key):
    j = mapping.get(key)
    if j is None or j >= len(cells):
        return ""
    return cells[j]


def indicator_key(proc, grade, subj):
    g = norm_text(grade)
    v, ok = parse_number(g)
    if v is not None and ok and float(v).is_integer():
        g = str(int(v))
    return "%s-%s %s" % (norm_text(proc), g, norm_text(subj))


def indicator_norm(key):
    return " ".join(norm_text(key).lower().replace("ё", "е").split())


def load(csv_dir, problems):
    def path(name):
        return os.path.join(csv_dir, name)

    # ---- schools
    header, mp, rows = read_sheet(path("schools.csv"), SCHOOL_COLS)
    if header is None or "code" not in mp:
        problems.add("Школы", None, "Код ОО", "нет листа или столбца «Код ОО»", error=True)
        return None
    schools = []
    seen = set()
    for ln, cells in rows:
        code = norm_text(get(cells, mp, "code"))
        if code == "":
            continue
        if code in seen:
            problems.add("Школы", ln, "Код ОО", "повторяется код «%s»" % code, error=True)
            continue
        seen.add(code)
        schools.append({"code": code, "name": norm_text(get(cells, mp, "name")),
                        "mun": norm_text(get(cells, mp, "mun"))})

    # ---- results
    header, mp, rows = read_sheet(path("results.csv"), RESULT_COLS)
    results = []
    if header is None:
        problems.add("Результаты", None, None, "нет листа «Результаты»", error=True)
        return None
    for need, label in (("year", "Год"), ("code", "Код ОО"), ("proc", "Процедура"),
                        ("grade", "Класс"), ("subj", "Предмет"), ("n", "Участников")):
        if need not in mp:
            problems.add("Результаты", None, label, "нет столбца «%s»" % label, error=True)
    if problems.errors:
        return None
    colname = {k: header[j] for k, j in mp.items()}
    dup = set()
    for ln, cells in rows:
        def num(key, integer=False, nonneg=True):
            txt = get(cells, mp, key)
            v, ok = parse_number(txt)
            if not ok:
                problems.add("Результаты", ln, colname[key],
                             "ожидалось число, найдено «%s»" % norm_text(txt), error=True)
                return None
            if v is not None and integer and not float(v).is_integer():
                problems.add("Результаты", ln, colname[key],
                             "ожидалось целое число, найдено «%s»" % norm_text(txt), error=True)
                return None
            if v is not None and nonneg and v < 0:
                problems.add("Результаты", ln, colname[key], "отрицательное значение", error=True)
                return None
            return v

        year = num("year", integer=True)
        code = norm_text(get(cells, mp, "code"))
        if year is None or code == "":
            continue
        year = int(year)
        if code not in seen:
            problems.add("Результаты", ln, colname["code"], "кода «%s» нет на листе «Школы»" % code,
                         error=True)
            continue
        key = indicator_key(get(cells, mp, "proc"), get(cells, mp, "grade"), get(cells, mp, "subj"))
        dkey = (year, code, indicator_norm(key))
        if dkey in dup:
            problems.add("Результаты", ln, None, "повторная строка %s %s %s" % (year, code, key),
                         error=True)
            continue
        dup.add(dkey)
        n = num("n", integer=True)
        mean = num("mean") if "mean" in mp else None
        sd = num("sd") if "sd" in mp else None
        fail = num("fail", integer=True) if "fail" in mp else None
        counts = None
        if all(("c%d" % m) in mp for m in (2, 3, 4, 5)):
            cs = [num("c%d" % m) for m in (2, 3, 4, 5)]
            if all(c is not None for c in cs):
                counts = cs
                if n is not None and abs(sum(cs) - n) > 1e-9:
                    problems.add("Результаты", ln, "2–5", "сумма отметок %g не равна числу участников %g"
                                 % (sum(cs), n), error=True)
        if counts is None and all(("p%d" % m) in mp for m in (2, 3, 4, 5)):
            ps = [num("p%d" % m) for m in (2, 3, 4, 5)]
            if all(p is not None for p in ps) and n is not None:
                if abs(sum(ps) - 100) > 1:
                    problems.add("Результаты", ln, "2, % – 5, %",
                                 "проценты отметок в сумме %g, а не 100" % sum(ps))
                counts = [p * n / 100.0 for p in ps]
        if n is not None and fail is not None and fail > n:
            problems.add("Результаты", ln, colname["fail"], "не справившихся больше, чем участников",
                         error=True)
        # derived values
        d_mean = d_sd = d_fail = None
        if counts is not None:
            tot = sum(counts)
            if tot > 0:
                d_mean = sum(m * c for m, c in zip((2, 3, 4, 5), counts)) / tot
                if tot - 1 > 0:
                    d_sd = math.sqrt(sum(c * (m - d_mean) ** 2 for m, c in zip((2, 3, 4, 5), counts))
                                     / (tot - 1))
            d_fail = counts[0]
        mean_v = mean if mean is not None else d_mean
        sd_v = sd if sd is not None else d_sd
        fail_v = fail if fail is not None else d_fail
        if n is not None and n == 1:
            sd_v = None
        results.append({"year": year, "code": code, "key": key, "nkey": indicator_norm(key),
                        "proc": norm_text(get(cells, mp, "proc")), "grade": indicator_key("", get(cells, mp, "grade"), "").strip("- "),
                        "subj": norm_text(get(cells, mp, "subj")),
                        "n": n, "mean": mean_v, "sd": sd_v, "fail": fail_v, "row": ln})

    # ---- social
    social = {"header": [], "rows": []}
    sp = path("social.csv")
    if os.path.exists(sp):
        header, mp, rows = read_sheet(sp, SOCIAL_ID_COLS, DEFAULT_FACTORS + CANDIDATE_FACTORS)
        if header is not None and "year" in mp and "code" in mp:
            fcols = [(j, h) for j, h in enumerate(header)
                     if j not in (mp["year"], mp["code"]) and h != ""]
            social["header"] = [h for _, h in fcols]
            srows = []
            dup = set()
            for ln, cells in rows:
                yv, ok = parse_number(get(cells, mp, "year"))
                code = norm_text(get(cells, mp, "code"))
                if yv is None or code == "":
                    continue
                if code not in seen:
                    problems.add("Социальные показатели", ln, "Код ОО",
                                 "кода «%s» нет на листе «Школы»" % code, error=True)
                    continue
                if (int(yv), code) in dup:
                    problems.add("Социальные показатели", ln, None, "повторная строка", error=True)
                    continue
                dup.add((int(yv), code))
                vals = {}
                for j, h in fcols:
                    v, ok = parse_number(cells[j] if j < len(cells) else "")
                    vals[h] = v  # non-numeric text in an unused column is simply missing
                srows.append({"year": int(yv), "code": code, "vals": vals})
            # a factor column whose every value lies in [0, 1] is read as fractions
            for h in social["header"]:
                vs = [r["vals"][h] for r in srows if r["vals"][h] is not None]
                if vs and all(0 <= v <= 1 for v in vs):
                    problems.add("Социальные показатели", None, h,
                                 "значения от 0 до 1 прочитаны как доли и умножены на 100")
                    for r in srows:
                        if r["vals"][h] is not None:
                            r["vals"][h] *= 100.0
            social["rows"] = srows
        else:
            problems.add("Социальные показатели", None, None, "лист не прочитан")

    # ---- settings
    settings = {}
    stp = path("settings.csv")
    if os.path.exists(stp):
        header, mp, rows = read_sheet(stp, SETTINGS_COLS)
        if header is not None and "param" in mp and "value" in mp:
            for ln, cells in rows:
                k = norm_header(get(cells, mp, "param")).split(",")[0]
                v = norm_text(get(cells, mp, "value"))
                if k:
                    settings.setdefault(k, []).append((ln, v))
    return {"schools": schools, "results": results, "social": social, "settings": settings}


def parse_settings(raw, social_header, problems):
    s = {"year": None, "method": "региональный", "z": 1.96, "width": 0.5, "minN": 10,
         "failPct": 30.0, "minNInd": 5, "indicators": None, "all": False,
         "factors": None, "weights": "equal", "regMean": "unweighted", "minInd": 1}

    def one(key):
        v = raw.get(key)
        return v[-1][1] if v else None

    def number(key, default, integer=False):
        t = one(key)
        if t is None or t == "":
            return default
        v, ok = parse_number(t)
        if v is None or not ok:
            problems.add("Настройки", raw[key][-1][0], "Значение", "не число: «%s»" % t)
            return default
        return int(v) if integer else v

    y = number("год", None, integer=True)
    s["year"] = y
    m = (one("метод") or "").lower()
    if m.startswith("фед"):
        s["method"] = "федеральный"
    elif m.startswith("об"):
        s["method"] = "оба"
    s["z"] = number("уровеньзначимости", 1.96)
    s["width"] = number("ширинагруппы", 0.5)
    s["minN"] = number("минимумучастников", 10)
    s["failPct"] = number("порогнеуспешности", 30.0)
    s["minNInd"] = number("минимумучастниковвпоказателе", 5)
    s["minInd"] = number("минимумпоказателей", 1)
    ind_all = (one("индикаторы") or "").lower().strip()
    if ind_all == "все":
        s["all"] = True
    if raw.get("индикатор"):
        s["indicators"] = [v for _, v in raw["индикатор"] if v]
    if raw.get("факторисбш"):
        s["factors"] = [v for _, v in raw["факторисбш"] if v]
    w = (one("весапоказателей") or "").lower()
    if "участ" in w:
        s["weights"] = "n"
    r = (one("региональноесреднее") or "").lower()
    if r.startswith("взвеш"):
        s["regMean"] = "n"
    # resolve factor names against the social headers
    wanted = s["factors"] or DEFAULT_FACTORS
    hmap = {norm_header(h): h for h in social_header}
    s["factorCols"] = []
    s["missingFactors"] = []
    for f in wanted:
        h = hmap.get(norm_header(f))
        if h is None:
            s["missingFactors"].append(f)
        else:
            s["factorCols"].append(h)
    return s


# --------------------------------------------------------------------------------------------
# The identification of one year


def select_indicators(rows, st, problems):
    """rows: the year's counted result rows. Returns ordered list of (nkey, display key)."""
    present = {}
    for r in rows:
        present.setdefault(r["nkey"], r["key"])
    if st["all"]:
        # procedures and subjects in order of first appearance, grades ascending
        proc_o, grade_o, subj_o = {}, {}, {}
        first = {}
        for r in rows:
            proc_o.setdefault(r["proc"].lower(), len(proc_o))
            grade_o.setdefault(r["grade"], len(grade_o))
            subj_o.setdefault(r["subj"].lower(), len(subj_o))
            first.setdefault(r["nkey"], r)
        def grade_rank(g):
            # numeric grades ascending (4, 5, 9, 11), other labels after them by first appearance
            return (0, int(g), 0) if g.isdigit() else (1, 0, grade_o[g])
        keys = sorted(first, key=lambda k: (proc_o[first[k]["proc"].lower()], grade_rank(first[k]["grade"]),
                                            subj_o[first[k]["subj"].lower()]))
        return [(k, present[k]) for k in keys]
    wanted = st["indicators"] or DEFAULT_INDICATORS
    out = []
    for w in wanted:
        nk = indicator_norm(w)
        if nk not in [o[0] for o in out]:
            out.append((nk, present.get(nk, norm_text(w))))
    sel = {o[0] for o in out}
    extra = [present[k] for k in present if k not in sel]
    if extra:
        problems.add("Результаты", None, None, "показатели не выбраны и не учитываются: " + ", ".join(extra))
    return out


def identify_year(data, st, year, problems, main=True):
    P = problems if main else Problems()
    schools = data["schools"]
    zc, width = st["z"], st["width"]
    # counted rows of the year
    yrows = [r for r in data["results"] if r["year"] == year and r["n"] is not None and r["n"] >= 1
             and r["mean"] is not None]
    inds = select_indicators(yrows, st, P)
    ind_pos = {k: i for i, (k, _) in enumerate(inds)}
    ind_name = {k: name for k, name in inds}
    by_school = {}
    for r in yrows:
        if r["nkey"] in ind_pos:
            by_school.setdefault(r["code"], {})[r["nkey"]] = r

    # regional means and pooled SDs
    X, pooled = {}, {}
    for k, name in inds:
        vals = [(sc[k]["mean"], sc[k]["n"]) for sc in by_school.values() if k in sc]
        if not vals:
            continue
        if st["regMean"] == "n":
            X[k] = sum(m * n for m, n in vals) / sum(n for _, n in vals)
        else:
            X[k] = sum(m for m, _ in vals) / len(vals)
        sds = [(sc[k]["sd"], sc[k]["n"]) for sc in by_school.values()
               if k in sc and sc[k]["sd"] is not None and sc[k]["n"] > 1]
        den = sum(n - 1 for _, n in sds)
        if den > 0:
            pooled[k] = math.sqrt(sum((n - 1) * s * s for s, n in sds) / den)
        else:
            pooled[k] = None
            P.add("Результаты", None, name, "нет стандартного отклонения ни у одной школы: "
                  "стандартная ошибка не вычисляется")

    res = {}
    for s in schools:
        code = s["code"]
        o = {"qi": None, "se": None, "z": None, "nTot": 0, "eligible": False, "qg": None,
             "isbsh": None, "ig": None, "yhat": None, "residual": None, "fedLow": False,
             "lowInd": []}
        sc = by_school.get(code, {})
        ks = [k for k, _ in inds if k in sc and X.get(k)]
        if ks:
            ws = [1.0 if st["weights"] == "equal" else sc[k]["n"] for k in ks]
            qis = [sc[k]["mean"] / X[k] for k in ks]
            W = sum(ws)
            o["qi"] = sum(w * q for w, q in zip(ws, qis)) / W
            ses = []
            for k in ks:
                sd = sc[k]["sd"] if sc[k]["sd"] is not None else pooled.get(k)
                ses.append(None if sd is None else sd / (math.sqrt(sc[k]["n"]) * X[k]))
            if all(x is not None for x in ses):
                se = math.sqrt(sum(w * w * x * x for w, x in zip(ws, ses))) / W
                if se > 0:
                    o["se"] = se
                    o["z"] = (o["qi"] - 1) / se
            o["nTot"] = sum(sc[k]["n"] for k in ks)
            o["eligible"] = o["nTot"] >= st["minN"]
        # federal rule
        low = []
        for k, _ in inds:
            r = sc.get(k)
            if r is None or r["fail"] is None or r["n"] < st["minNInd"]:
                continue
            if r["fail"] / r["n"] >= st["failPct"] / 100.0:
                low.append(ind_name[k])
        o["lowInd"] = low
        o["fedLow"] = len(low) >= st["minInd"] and len(low) > 0
        res[code] = o

    def band_group(v, sigma):
        d = (v - 1) / sigma
        b = max(-5, min(5, round_half_away(d / width)))
        return 6 + b

    # quality groups
    elig = [res[s["code"]] for s in schools if res[s["code"]]["eligible"]]
    sig_q = sample_sd([o["qi"] for o in elig]) if len(elig) >= 2 else None
    if sig_q is None or sig_q == 0:
        if year is not None:
            P.add("Результаты", None, None, "меньше двух школ с достаточными данными или σ = 0: "
                  "группы качества не присваиваются", error=False)
        sig_q = None
    else:
        for o in elig:
            g = band_group(o["qi"], sig_q)
            if o["z"] is not None:
                if o["z"] <= -zc:
                    g = min(g, 5)
                elif o["z"] >= zc:
                    g = max(g, 7)
                else:
                    g = 6
            o["qg"] = g

    # ISBSH model
    model = None
    sig_i = None
    fcols = st["factorCols"]
    srows = {r["code"]: r for r in data["social"]["rows"] if r["year"] == year}
    fvals = {}
    for s in schools:
        r = srows.get(s["code"])
        if r is not None and fcols and all(r["vals"].get(h) is not None for h in fcols):
            fvals[s["code"]] = [r["vals"][h] for h in fcols]
    fit_codes = [s["code"] for s in schools if res[s["code"]]["qg"] is not None and s["code"] in fvals]
    names = ", ".join("«%s»" % f for f in (fcols + st["missingFactors"]))
    fail_msg = None
    if st["missingFactors"] or not fcols:
        fail_msg = "нет столбцов факторов: " + ", ".join(st["missingFactors"])
    elif len(fit_codes) < len(fcols) + 2:
        fail_msg = "школ в модели (%d) меньше, чем факторов + 2" % len(fit_codes)
    else:
        Xm = np.array([fvals[c] for c in fit_codes], dtype=float)
        y = np.array([res[c]["qi"] for c in fit_codes], dtype=float)
        const = [fcols[j] for j in range(len(fcols)) if np.ptp(Xm[:, j]) == 0]
        D = sm.add_constant(Xm, has_constant="add")
        if const:
            fail_msg = "постоянный фактор: " + ", ".join(const)
        elif np.linalg.matrix_rank(D) < D.shape[1] or np.linalg.cond(D) > 1e12:
            fail_msg = "факторы линейно зависимы"
        else:
            fit = sm.OLS(y, D).fit()
            params = np.asarray(fit.params)
            sdy = float(np.std(y, ddof=1))
            factors = []
            for j, h in enumerate(fcols):
                sdx = float(np.std(Xm[:, j], ddof=1))
                factors.append({"name": h, "b": float(params[j + 1]), "se": float(fit.bse[j + 1]),
                                "t": float(fit.tvalues[j + 1]), "p": float(fit.pvalues[j + 1]),
                                "beta": float(params[j + 1] * sdx / sdy) if sdy > 0 else None})
            model = {"factors": factors, "intercept": float(params[0]), "r2": float(fit.rsquared),
                     "adjR2": float(fit.rsquared_adj), "n": int(fit.nobs),
                     "residualSD": float(math.sqrt(fit.scale))}
            for c, xs in fvals.items():
                res[c]["yhat"] = float(params[0] + sum(b * x for b, x in zip(params[1:], xs)))
            mean_fit = sum(res[c]["yhat"] for c in fit_codes) / len(fit_codes)
            for c in fvals:
                res[c]["isbsh"] = res[c]["yhat"] / mean_fit
            sig_i = sample_sd([res[c]["isbsh"] for c in fit_codes])
            if not sig_i:
                sig_i = None
            for c in fvals:
                o = res[c]
                if sig_i is not None:
                    o["ig"] = band_group(o["isbsh"], sig_i)
                if o["qg"] is not None:
                    o["residual"] = o["qi"] - o["yhat"]
    if fail_msg:
        P.add("Социальные показатели", None, None, "модель ИСБШ не построена (%s): %s" % (names, fail_msg),
              error=False)

    # categories
    for s in schools:
        o = res[s["code"]]
        reg_low = o["qg"] is not None and o["qg"] <= 5
        if st["method"] == "федеральный":
            lowq = o["fedLow"]
        elif st["method"] == "оба":
            lowq = reg_low or o["fedLow"]
        else:
            lowq = reg_low
        lowi = o["ig"] is not None and o["ig"] <= 4
        highq = o["qg"] is not None and o["qg"] >= 7
        o["lowQ"] = lowq
        if lowq and lowi:
            cat = "ШНОР и ШФНСУ"
        elif lowq:
            cat = "ШНОР"
        elif lowi and highq:
            cat = "резильентная"
        elif lowi:
            cat = "ШФНСУ"
        elif highq:
            cat = "высокие результаты"
        elif o["qg"] == 6:
            cat = "средние"
        else:
            cat = None
        o["category"] = cat
        o["above"] = (o["residual"] is not None and o["se"] is not None
                      and o["residual"] / o["se"] >= zc)
    return {"res": res, "model": model, "sigQ": sig_q, "sigI": sig_i, "inds": inds}


def run(csv_dir, year_arg):
    problems = Problems()
    data = load(csv_dir, problems)
    if data is None or problems.errors:
        return {"year": year_arg, "model": None, "schools": [], "problems": problems.items}, 2
    st = parse_settings(data["settings"], data["social"]["header"], problems)
    years = sorted({r["year"] for r in data["results"]})
    year = year_arg or st["year"] or (years[-1] if years else None)
    cur = identify_year(data, st, year, problems)
    has_prev = any(r["year"] == year - 1 for r in data["results"]) if year is not None else False
    prev = identify_year(data, st, year - 1, problems, main=False) if has_prev else None
    if not has_prev:
        problems.add("Результаты", None, "Год", "нет данных за %s год: устойчивость не определяется"
                     % (year - 1 if year is not None else "предыдущий"))

    schools_out = []
    width = st["width"]
    res = cur["res"]
    for s in data["schools"]:
        code = s["code"]
        o = res[code]
        stable = change = None
        if prev is not None:
            p = prev["res"][code]
            if o["qg"] is not None and p["qg"] is not None:
                now, then = o["lowQ"], p["lowQ"]
                stable = bool(now and then)
                change = ("continuing" if now and then else "new" if now else "left" if then else None)
        partners = []
        if o["lowQ"] and o["isbsh"] is not None and cur["sigI"] is not None:
            lim = width * cur["sigI"]
            cands = []
            for t in data["schools"]:
                c2 = t["code"]
                q = res[c2]
                if c2 == code or q["isbsh"] is None:
                    continue
                if not (q["category"] in ("высокие результаты", "резильентная") or q["above"]):
                    continue
                dlt = abs(q["isbsh"] - o["isbsh"])
                if dlt <= lim:
                    cands.append((0 if t["mun"] == s["mun"] else 1, dlt, c2))
            cands.sort()
            partners = [c for _, _, c in cands[:3]]
        # reason
        parts = []
        if o["qi"] is not None:
            ci = ""
            if o["se"] is not None:
                ci = " (95%% ДИ %s–%s)" % (fmt(o["qi"] - st["z"] * o["se"]), fmt(o["qi"] + st["z"] * o["se"]))
            parts.append("индекс качества %s%s, %s" % (fmt(o["qi"]), ci,
                         "группа %d" % o["qg"] if o["qg"] is not None else "недостаточно данных"))
        if o["isbsh"] is not None:
            parts.append("ИСБШ %s%s" % (fmt(o["isbsh"]), ", группа %d" % o["ig"] if o["ig"] is not None else ""))
        if o["lowInd"]:
            parts.append("неуспешность ≥ %s%% по: %s" % (fmt(st["failPct"], 0), ", ".join(o["lowInd"])))
        schools_out.append({
            "code": code, "name": s["name"], "municipality": s["mun"],
            "qualityIndex": o["qi"], "qualityIndexSE": o["se"], "qualityZ": o["z"],
            "qualityGroup": o["qg"], "isbsh": o["isbsh"], "isbshGroup": o["ig"],
            "residual": o["residual"], "federalLow": bool(o["fedLow"]), "lowIndicators": o["lowInd"],
            "category": o["category"], "stable": stable, "change": change,
            "reason": "; ".join(parts) if parts else "нет данных",
            "partners": partners})
    return {"year": year, "model": cur["model"], "schools": schools_out,
            "problems": problems.items}, 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv_dir")
    ap.add_argument("--year", type=int, default=None)
    a = ap.parse_args()
    out, rc = run(a.csv_dir, a.year)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, allow_nan=False)
    sys.stdout.write("\n")
    sys.exit(rc)


if __name__ == "__main__":
    main()
