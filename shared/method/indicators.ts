/**
 * One table of how regions spell procedures, grades and subjects, and the one indicator key each
 * spelling maps to: «ГИА-11 (ЕГЭ)» | «11 класс» | «Математика (профильный уровень)» →
 * «ЕГЭ-11 Математика». Used by the reader of «Результаты», every importer, «Настройки»
 * («Индикатор» rows), the spreadsheet functions' indicator arguments and the wizards, so one
 * indicator never splits into two columns because of how it was typed.
 *
 * Rules (docs/data.md, «Indicator keys»):
 * - case, blanks (also non-breaking), «ё/е» and Latin look-alike letters inside Cyrillic words
 *   («Французcкий» with a Latin «c») do not matter;
 * - procedures: «ГИА-9 (ОГЭ)», «ГИА-9», «огэ» → ОГЭ; «ГИА-11 (ЕГЭ)», «ГИА-11», «егэ» → ЕГЭ; ГВЭ stays
 *   ГВЭ; «впр» → ВПР;
 * - grades: «11 класс», «9 кл.», «4-й класс» → the number;
 * - profile mathematics is the standard «Математика» (the spelling «Математика (профиль)» is
 *   accepted everywhere); basic mathematics («(база)», «(базовый уровень)», «базовая»,
 *   «Математика Б») is the separate indicator «Математика (базовая)», never merged into profile;
 * - «Литературное чтение» is not «Литература»; written and oral parts of a foreign language stay
 *   distinct («Английский язык (письменная часть)», «Английский язык (устная часть)»).
 */

/** Latin letters that look like Cyrillic ones, as they slip into Cyrillic words. */
const LOOKALIKE: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в', u: 'и', n: 'п',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};
const HAS_CYRILLIC = /[\u0400-\u04ff]/;
const HAS_LATIN = /[A-Za-z]/;

/** Latin look-alikes inside words that also hold Cyrillic letters become Cyrillic. */
export function fixLookalikes(text: string): string {
  if (!HAS_LATIN.test(text)) return text;
  return text.replace(/[\p{L}]+/gu, (word) =>
    HAS_CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (ch) => LOOKALIKE[ch] ?? ch) : word);
}

/** Blanks of every kind collapsed, trimmed; no blanks just inside brackets. */
function tidy(text: string): string {
  return text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();
}

/** The form spellings are compared in: tidy, look-alikes fixed, lower case, «ё» as «е». */
export function spellingForm(text: string): string {
  return fixLookalikes(tidy(text)).toLowerCase().replace(/ё/g, 'е');
}

/** «ГИА-11 (ЕГЭ)» → «ЕГЭ». Unknown procedures keep their spelling in upper case. */
export function canonicalProcedure(text: string): string {
  const t = spellingForm(text);
  if (/гвэ|gve/.test(t)) return 'ГВЭ';
  if (/огэ|\boge\b/.test(t)) return 'ОГЭ';
  if (/егэ|\bege\b/.test(t)) return 'ЕГЭ';
  if (/впр|\bvpr\b/.test(t)) return 'ВПР';
  if (/^гиа[-\s]*9\b/.test(t)) return 'ОГЭ';
  if (/^гиа[-\s]*11\b/.test(t)) return 'ЕГЭ';
  return fixLookalikes(tidy(text)).toUpperCase();
}

/** «11 класс», «9 кл.», «4-й», 9 → «11», «9», «4», «9». Text without a number stays as written. */
export function canonicalGrade(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const t = tidy(value);
  const m = /^(\d{1,2})(?:\s*-?\s*(?:й|ый|ой|ий))?(?:\s*(?:класс(?:ы|а)?|кл\.?))?\.?$/i.exec(t) ?? /^(?:класс|кл\.?)\s*(\d{1,2})$/i.exec(t);
  return m ? String(Number(m[1])) : t;
}

const LANGUAGES = ['английский', 'немецкий', 'французский', 'испанский', 'китайский', 'итальянский'];

/** Subjects with one canonical spelling, by their compared form. */
const KNOWN_SUBJECTS = new Map<string, string>([
  ['русский язык', 'Русский язык'], ['русский', 'Русский язык'], ['рус. яз.', 'Русский язык'], ['рус.яз.', 'Русский язык'],
  ['рус. яз', 'Русский язык'], ['русский яз.', 'Русский язык'], ['рус яз', 'Русский язык'],
  ['литература', 'Литература'], ['литературное чтение', 'Литературное чтение'],
  ['окружающий мир', 'Окружающий мир'], ['физика', 'Физика'], ['химия', 'Химия'], ['биология', 'Биология'],
  ['история', 'История'], ['обществознание', 'Обществознание'], ['география', 'География'],
  ['информатика', 'Информатика'], ['информатика и икт', 'Информатика'], ['информатика (кегэ)', 'Информатика'],
  ['астрономия', 'Астрономия'], ['естествознание', 'Естествознание'],
]);

/** The subject as the indicator key writes it. */
export function canonicalSubject(text: string): string {
  const t = spellingForm(text).replace(/\.$/, '');
  if (/^(математика|матем\.?|мат\.?)(?=$|[\s(.\-])/.test(t) || /^(профильная|базовая)\s+математика$/.test(t)) {
    const rest = t.replace(/^(математика|матем\.?|мат\.?)/, '').replace(/математика$/, '');
    if (/баз|^\s*[-(]?\s*б\s*\)?$/.test(rest) || /^базовая/.test(t)) return 'Математика (базовая)';
    if (rest.trim() === '' || /проф|^\s*[-(]?\s*п\s*\)?$/.test(rest) || /^профильная/.test(t)) return 'Математика';
  }
  const known = KNOWN_SUBJECTS.get(t);
  if (known) return known;
  const lang = LANGUAGES.find((l) => t === l || t.startsWith(`${l} `) || t.startsWith(`${l}(`));
  if (lang) {
    const rest = t.slice(lang.length).replace(/^\s*язык/, '');
    const name = `${lang.charAt(0).toUpperCase()}${lang.slice(1)} язык`;
    if (rest.trim() === '') return name;
    if (/письм/.test(rest)) return `${name} (письменная часть)`;
    if (/устн/.test(rest)) return `${name} (устная часть)`;
  }
  const written = fixLookalikes(tidy(text));
  // A subject typed in capitals reads as a word, not an abbreviation.
  const cased = written.length > 4 && written === written.toUpperCase() ? written.toLowerCase() : written;
  return `${cased.charAt(0).toUpperCase()}${cased.slice(1)}`;
}

/** The key of one (procedure, grade, subject). @example indicatorKey('ГИА-11 (ЕГЭ)', '11 класс', 'Математика (профиль)') // 'ЕГЭ-11 Математика' */
export function indicatorKey(procedure: string, grade: string | number, subject: string): string {
  return `${canonicalProcedure(procedure)}-${canonicalGrade(grade)} ${canonicalSubject(subject)}`;
}

/**
 * An indicator written in one cell, as on «Настройки» or in a function's argument:
 * «ОГЭ 9 математика», «ЕГЭ-11 Математика (профиль)», «ГИА-9 (ОГЭ) 9 кл. Русский язык» → the key.
 */
export function indicatorKeyFromText(text: string): string {
  let t = fixLookalikes(tidy(text));
  // «ГИА-9 (ОГЭ)» and «ГИА-11 (ЕГЭ)» carry the grade inside the procedure.
  t = t.replace(/^гиа[-\s]*(9|11)\s*\(\s*(огэ|егэ|гвэ)\s*\)/i, (_, g: string, p: string) => `${p} ${g}`);
  t = t.replace(/^гиа[-\s]*(9|11)\b/i, (_, g: string) => `${g === '9' ? 'ОГЭ' : 'ЕГЭ'} ${g}`);
  const m = /^(\S+?)[\s-]+(\d{1,2})(?:\s*-?\s*(?:й|ый|ой|ий))?(?:\s*(?:классы?|кл\.?))?\s+(.+)$/i.exec(t);
  if (!m) return t;
  // «ОГЭ 9 9 класс Математика»: a grade written twice.
  const subject = m[3].replace(new RegExp(`^${m[2]}\\s*(?:классы?|кл\\.?)\\s+`, 'i'), '');
  return indicatorKey(m[1], m[2], subject);
}

function parseKey(key: string): { procedure: string; grade: string; subject: string } | null {
  const m = /^(\S+)-(\S+) (.+)$/.exec(key);
  return m ? { procedure: m[1], grade: m[2], subject: m[3] } : null;
}

/** Levenshtein distance (insertions, deletions, substitutions), for «did you mean» suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** How an indicator of the data resembles a chosen one: the reason in words, or null when it does not. */
export function resemblance(present: string, chosen: string): string | null {
  if (present === chosen) return null;
  const a = parseKey(present), b = parseKey(chosen);
  if (!a || !b) return null;
  const stem = (s: string) => spellingForm(s).split(/[\s(.,]/)[0];
  const sa = stem(a.subject), sb = stem(b.subject);
  const sameStem = sa === sb || (sa.length >= 4 && sb.length >= 4 && sa.slice(0, 4) === sb.slice(0, 4));
  if (a.procedure === b.procedure && a.grade === b.grade && sameStem) {
    if (sa.startsWith('мат') && sb.startsWith('мат')) return 'базовая и профильная математика — разные показатели';
    return 'другая часть или уровень того же предмета';
  }
  if (a.procedure === b.procedure && a.subject === b.subject) return 'тот же предмет, другой класс';
  if (a.grade === b.grade && a.subject === b.subject) return 'тот же предмет и класс, другая процедура';
  if (editDistance(spellingForm(present), spellingForm(chosen)) <= 3) return 'похожее написание';
  return null;
}

export interface NearIndicator {
  /** The indicator of the data left out of the run. */
  present: string;
  /** The chosen indicator it resembles. */
  like: string;
  /** Whether the chosen one has no data in the year (then the present one is likely it, misspelt). */
  likeMissing: boolean;
  reason: string;
}

/** Indicators of the year's data left out of the run that resemble a chosen one, each with the closest. */
export function nearIndicators(unselected: string[], chosen: string[], missing: Set<string>): NearIndicator[] {
  const out: NearIndicator[] = [];
  for (const present of unselected) {
    // A chosen indicator with no data is the likelier match; then the first in order.
    const candidates = chosen.map((like) => ({ like, reason: resemblance(present, like) })).filter((c) => c.reason !== null);
    if (!candidates.length) continue;
    const best = candidates.find((c) => missing.has(c.like)) ?? candidates[0];
    out.push({ present, like: best.like, likeMissing: missing.has(best.like), reason: best.reason! });
  }
  return out;
}
