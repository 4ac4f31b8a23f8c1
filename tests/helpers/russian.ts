/**
 * Reading rendered Russian in tests: numerals that agree with their nouns, and the term variants
 * that must not appear (issue 16). The rule here is written from the grammar, not from the code.
 */
import { type CountedNoun, NOUN } from '../../shared/messages';

/** Which form goes with n: 1, 21, 101 … → one; 2–4, 22–24 … → few; 0, 5–20, 25–30, 111–114 … → many. */
export function numeralClass(n: number): 'one' | 'few' | 'many' {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 19) return 'many';
  if (last === 1) return 'one';
  if (last >= 2 && last <= 4) return 'few';
  return 'many';
}

const CASES = ['nom', 'acc', 'gen', 'dat', 'ins', 'loc'] as const;

/** Every form of a noun that is right after n in some case. */
export function formsAfter(n: number, word: CountedNoun): Set<string> {
  const k = numeralClass(n);
  const out = new Set<string>();
  for (const c of CASES) {
    const f = word[c];
    if (!f) continue;
    if (f.length === 3) out.add(f[k === 'one' ? 0 : k === 'few' ? 1 : 2]);
    else out.add(f[k === 'one' ? 0 : 1]);
  }
  return out;
}

const ALL_FORMS: { form: string; word: CountedNoun }[] = Object.values(NOUN as Record<string, CountedNoun>)
  .flatMap((word) => CASES.flatMap((c) => (word[c] ?? []).map((form) => ({ form, word }))))
  .sort((a, b) => b.form.length - a.form.length);

const LETTER = /[А-Яа-яЁёA-Za-z]/;

/**
 * «21 школ», «5 школы», «1 участников»: each number followed by a known counted noun whose form is
 * wrong for that number in every case. Years (1900–2100 before «год…») are ordinals, not counts.
 */
export function wrongNumerals(text: string): string[] {
  const bad: string[] = [];
  const re = /(?<![\d,.\-–№])(\d{1,3}(?:[  ]\d{3})+|\d+)[  ]+(?=[А-Яа-яЁё])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1].replace(/[  ]/g, ''));
    const rest = text.slice(m.index + m[0].length);
    const hits = ALL_FORMS.filter(({ form }) => rest.startsWith(form) && !LETTER.test(rest.charAt(form.length)));
    if (!hits.length) continue;
    if (n >= 1900 && n <= 2100 && hits.some((h) => h.word === NOUN.year)) continue;
    // The longest matching form decides the noun (a phrase before its first word).
    const longest = hits[0].form.length;
    const words = new Set(hits.filter((h) => h.form.length === longest).map((h) => h.word));
    const ok = [...words].some((w) => formsAfter(n, w).has(rest.slice(0, longest)));
    if (!ok) bad.push(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + longest + 10).replace(/\s+/g, ' '));
  }
  return bad;
}

/** The variants one notion must not be written in (the seeds' terms win), with the term to use. */
export const FORBIDDEN_TERMS: [RegExp, string][] = [
  [/ресурсн[а-яё]* центр/i, '«ресурсные школы»'],
  [/индекс[а-яё]* качества подготовки/i, '«индекс качества»'],
  [/работающ[а-яё]* в неблагоприятных/i, '«функционирующие в неблагоприятных социальных условиях»'],
  [/Статус в списке/i, '«Статус в перечне»'],
  [/(?:вышл[аи]|вошл[аи]) (?:из|в) списк/i, '«перечень»'],
  [/списк[а-яё]* (?:ШНОР|ШФНСУ)/i, '«перечень ШНОР»'],
  [/Списки (?:\d{4}|ГГГГ)/, '«Перечни ГГГГ»'],
  [/Рекомендации МО (?:\d{4}|ГГГГ)/, '«Рекомендации МОУО ГГГГ»'],
  [/Уровень значимости, z/i, '«Критическое значение z»'],
  [/больше своей стандартной ошибки/i, '«более чем на одну стандартную ошибку»'],
  [/Модель индекса социального благополучия \(ИСБШ\)/, '«индекса социального благополучия школы»'],
  [/на деле/i, 'официальный стиль'],
  [/стоит смотреть/i, 'официальный стиль'],
  [/обучение обучающихся/i, 'без тавтологии'],
  [/[≥≤]/, '«не менее», «не более»'],
];

/** The forbidden variants found in a text, with a little context each. */
export function forbiddenTerms(text: string): string[] {
  const out: string[] = [];
  for (const [re, use] of FORBIDDEN_TERMS) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(text); m; m = g.exec(text)) out.push(`«${text.slice(Math.max(0, m.index - 25), m.index + m[0].length + 15).replace(/\s+/g, ' ')}» → ${use}`);
  }
  return out;
}

/** The visible text of an HTML document: tags become line breaks, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
