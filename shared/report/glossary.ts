/**
 * The list of abbreviations and the short glossary at the head of the analytical note and of the
 * cards: every abbreviation the documents use, and the statistical terms in plain words.
 */
import { esc } from './html';

/** Abbreviation → its full form, in the order an official meets them. */
export const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['ШНОР', 'школы с низкими образовательными результатами'],
  ['ШФНСУ', 'школы, функционирующие в неблагоприятных социальных условиях'],
  ['ИСБШ', 'индекс социального благополучия школы'],
  ['ОО', 'общеобразовательная организация'],
  ['МОУО', 'муниципальный орган управления образованием'],
  ['ИРО', 'институт развития образования (региональная организация дополнительного профессионального образования)'],
  ['ВПР', 'всероссийские проверочные работы'],
  ['ОГЭ', 'основной государственный экзамен'],
  ['ЕГЭ', 'единый государственный экзамен'],
  ['КДН и ПДН', 'комиссия по делам несовершеннолетних и защите их прав и подразделение по делам несовершеннолетних органов внутренних дел'],
  ['ОВЗ', 'ограниченные возможности здоровья'],
  ['ДИ', 'доверительный интервал'],
];

/** The settings the glossary's numbers come from. */
export interface GlossarySettings { zCritical: number; bandWidth: number; level: string }

const DEFAULT_GLOSSARY: GlossarySettings = { zCritical: 1.96, bandWidth: 0.5, level: '95' };
const comma = (x: number) => String(x).replace('.', ',');

/** Statistical terms in plain words (the R² explanation of the model section is the example). */
export function glossary(g: GlossarySettings = DEFAULT_GLOSSARY): (readonly [string, string])[] {
  return [
  ['Доверительный интервал (ДИ)', `границы, в которых с вероятностью ${g.level}% находится истинное значение индекса школы; чем меньше участников, тем шире интервал.`],
  ['Стандартная ошибка', 'мера точности оценки: на сколько в среднем значение, рассчитанное по результатам одного года, может отличаться от истинного из-за случайного состава участников.'],
  ['z', `отклонение индекса школы от среднего по региону, выраженное в стандартных ошибках; отклонение более чем на ${comma(g.zCritical)} стандартной ошибки (критическое значение z) считается статистически значимым.`],
  ['σ (сигма)', `стандартное отклонение индекса по школам региона: насколько в среднем школы отличаются друг от друга; ширина группы — ${comma(g.bandWidth)} σ.`],
  ['β (бета)', 'стандартизованный коэффициент модели: сила связи социального фактора с индексом качества, сопоставимая между факторами (до 0,1 — слабая связь, от 0,1 до 0,3 — умеренная, более 0,3 — сильная).'],
  ['p', 'вероятность получить такую же или более сильную связь случайно, если в действительности связи нет; связь считается статистически значимой при p менее 0,05.'],
  ['R²', 'доля различий индекса качества между школами, которую объясняют социальные факторы модели (от 0 до 1).'],
  ];
}

/** «Список сокращений» and «Основные понятия» as one block of HTML. */
export function abbreviationsHtml(g: GlossarySettings = DEFAULT_GLOSSARY): string {
  const rows = (items: readonly (readonly [string, string])[]) => items.map(([a, b]) => `<tr><td><b>${esc(a)}</b></td><td>${esc(b)}</td></tr>`).join('');
  return `<section id="abbreviations" class="abbreviations">
<h2>Список сокращений</h2>
<table class="data abbreviations"><tbody>${rows(ABBREVIATIONS)}</tbody></table>
<h3>Основные понятия</h3>
<table class="data glossary"><tbody>${rows(glossary(g))}</tbody></table>
</section>`;
}
