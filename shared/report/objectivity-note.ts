/**
 * The note's section on the objectivity of results (Рособрнадзор method): the region's index, the
 * municipalities, a chart of K with the critical limits, the marked schools and the caveats.
 * Kept apart from note.ts, which adds it with one line.
 */
import type { Identification } from '../method/identify';
import { fmt, NOUN, plural } from '../messages';
import { MARKERS, type Objectivity, SUBJECTS } from '../objectivity/engine';
import { objectivityIndexLine } from '../objectivity/sheet';
import { markerLabel } from '../report-tables';
import { esc, num, table } from './html';
import { type Plot, figure, line, linearScale, r1, text } from './svg';

const schoolsN = (n: number) => `${n} ${plural(n, NOUN.school)}`;

/** Figure: K of every school by subject, the interquartile box and the limits Q25 − 3·IQR, Q75 + 3·IQR. */
export function cohortChart(o: Objectivity, number: number): string | null {
  if (!o.cohorts.length) return null;
  const W = 760, rowH = 90;
  const H = 70 + rowH * o.cohorts.length + 40;
  const ks: number[] = [];
  for (const s of o.schools) for (const k of s.k) if (k !== null) ks.push(k);
  for (const c of o.cohorts) ks.push(c.low, c.high);
  const p: Plot = { left: 110, top: 30, right: W - 20, bottom: H - 50 };
  const x = linearScale(Math.min(...ks), Math.max(...ks), p.left, p.right, 8);
  const out: string[] = ['<g class="axes">'];
  for (const t of x.ticks) {
    out.push(line(x(t), p.top, x(t), p.bottom, 'class="grid"'));
    out.push(text(x(t), p.bottom + 16, fmt(t, x.digits), 'class="tick" text-anchor="middle"'));
  }
  out.push(line(p.left, p.bottom, p.right, p.bottom, 'class="axis"'));
  out.push(text((p.left + p.right) / 2, p.bottom + 36, 'K = S(4 класс, прошлый год) / S(5 класс, этот год)', 'class="axis-label" text-anchor="middle"'));
  out.push('</g>');
  o.cohorts.forEach((c, row) => {
    const j = SUBJECTS.indexOf(c.subject as (typeof SUBJECTS)[number]);
    const y0 = p.top + 20 + row * rowH;
    const mid = y0 + rowH / 2 - 10;
    out.push(text(p.left - 8, mid + 4, c.subject, 'class="panel-title" text-anchor="end"'));
    out.push(`<rect x="${r1(x(c.q25))}" y="${r1(mid - 22)}" width="${r1(Math.max(1, x(c.q75) - x(c.q25)))}" height="44" fill="#E3F2FD" stroke="#90CAF9"><title>Q25–Q75: ${esc(fmt(c.q25, 3))}–${esc(fmt(c.q75, 3))}</title></rect>`);
    for (const [v, label] of [[c.low, 'Q25 − 3·IQR'], [c.high, 'Q75 + 3·IQR']] as const) {
      out.push(line(x(v), mid - 32, x(v), mid + 32, 'stroke="#C62828" stroke-width="1.5" stroke-dasharray="4 3"'));
      out.push(text(x(v), mid - 36, `${label} = ${fmt(v, 2)}`, 'class="note-label" fill="#B71C1C" text-anchor="middle"'));
    }
    let i = 0;
    for (const s of o.schools) {
      const k = s.k[j];
      if (k === null) continue;
      const marked = k < c.low || k > c.high;
      const jitter = ((i++ * 37) % 41) - 20;
      out.push(`<circle cx="${r1(x(k))}" cy="${r1(mid + jitter)}" r="${marked ? 3.5 : 2}" fill="${marked ? '#C62828' : '#78909C'}" fill-opacity="${marked ? 1 : 0.5}">` +
        (marked ? `<title>${esc(`${s.name} (${s.code}): K = ${fmt(k, 3)}`)}</title>` : '') + '</circle>');
    }
  });
  return figure({
    id: 'chart-cohort', number, width: W, height: H, body: out.join('\n'),
    title: 'Резкое изменение результатов когорты: K по школам',
    description: 'Точка — школа; K — отношение среднего процента выполнения ВПР в 4 классе прошлого года к 5 классу этого года. Голубая полоса — от Q25 до Q75; за пунктирными пределами (красные точки) — резкий рост (слева) или резкое снижение (справа).',
  });
}

/** The section's HTML; `figureNumber` is the number its chart takes (when there is one). */
export function objectivityNoteSection(result: Identification, figureNumber: number): { html: string; figures: number } {
  const o = result.objectivity;
  if (o.index === null) {
    return {
      html: '<p class="callout">Признаки необъективности не рассчитаны: в данных нет первичных баллов ВПР, ОГЭ со стандартными отклонениями, корреляций с журналом или сравнения с отметками по журналу. Импортируйте «Индивидуальные результаты» ФИС ОКО (shnor import vpr-pupils или шаг мастера) и запустите расчёт снова.</p>',
      figures: 0,
    };
  }
  const parts: string[] = [];
  parts.push(`<p>По методике Рособрнадзора («Математический алгоритм маркировки образовательных организаций») для каждой школы рассчитаны 14 признаков необъективности результатов ${result.year} года: завышенный средний балл (ВПР-4, ВПР-5, ОГЭ-9 по математике и русскому языку), расхождение отметок по журналу с первичным баллом (rₛ &lt; 0, ВПР-4 и ВПР-5) и резкое изменение результатов когорты от 4 к 5 классу. ${esc(objectivityIndexLine(o))}.</p>`);
  parts.push(table(['Муниципалитет', 'Всего ОО', 'С рассчитанными признаками', 'С признаками', 'Индекс объективности', 'С дополнением региона'],
    [...o.municipalities.map((m) => [m.name, m.schools, m.computed, m.marked, num(m.index, 1), num(m.indexWithAdditions, 1)]),
      ['Регион в целом', o.schools.length, o.computed, o.marked, num(o.index, 1), num(o.indexWithAdditions, 1)]],
    { columnClasses: [undefined, 'n', 'n', 'n', 'n', 'n'] }).replace('<tr><td>Регион в целом</td>', '<tr class="total"><td>Регион в целом</td>'));
  const chart = cohortChart(o, figureNumber);
  if (chart) parts.push(chart);
  const marked = o.schools.filter((s) => s.markers.length);
  if (marked.length) {
    const byCode = new Map(result.schools.map((s) => [s.code, s]));
    parts.push(`<h3>Школы с признаками (${schoolsN(marked.length)})</h3>`);
    parts.push(table(['Муниципалитет', 'Код ОО', 'Наименование ОО', 'Категория', 'Признаки', 'Обоснование'],
      [...marked].sort((a, b) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru')).map((s) => [
        s.municipality, s.code, s.name, byCode.get(s.code)?.category ?? '—', s.markers.map(markerLabel).join('; '), s.reasons.join('; '),
      ]), { columnClasses: [undefined, undefined, undefined, undefined, undefined, 'reason'] }));
  }
  const inflated = MARKERS.filter((m) => m.kind === 'inflated-mean').map((m) => m.id);
  const inflatedOnly = o.schools.filter((s) => s.markers.length && s.markers.every((id) => inflated.includes(id))).length;
  parts.push(`<ul class="tight">
<li><b>Признак — повод для проверки, а не вывод.</b> «Завышенный средний балл» отмечает и просто сильные школы: интервал школы выше регионального бывает и при объективно высоких результатах${inflatedOnly ? ` (только этот признак — у ${inflatedOnly} ${plural(inflatedOnly, NOUN.school, 'gen')})` : ''}. Вывод делается после сопоставления с независимыми оценками (ОГЭ, ЕГЭ, региональные диагностики) и проверки процедуры.</li>
<li><b>Минимум участников.</b> Признак не рассчитывается при числе участников меньше ${o.minParticipants} (параметр «Минимум участников для признаков объективности») и там, где статистика не определена (нет стандартного отклонения, одинаковые отметки, нет прошлого года); такие ячейки — «недостаточно данных».</li>
<li><b>Дополнение региона.</b> Признак «понизили» (доля участников, чья отметка ниже отметки по журналу, значимо выше региональной: z не менее 1,96) применяется только там, где нет корреляции с журналом по данным обучающихся; это не признак Рособрнадзора и в индекс объективности не входит.</li>
<li><b>ОГЭ без стандартного отклонения.</b> Где у школы не указано стандартное отклонение балла, интервал построен по отметкам (среднее и отклонение отметок «2»–«5»), о чём сказано в обосновании.</li>
</ul>`);
  return { html: parts.join('\n'), figures: chart ? 1 : 0 };
}

/** A card's lines on the markers of non-objective results (nothing when the school has none). */
export function cardObjectivityHtml(reasons: string[]): string {
  if (!reasons.length) return '';
  return `<h4>Объективность результатов</h4><p class="small">Есть ${reasons.length === 1 ? 'признак' : 'признаки'} необъективности — перед выбором мер проверьте, насколько результаты отражают реальный уровень: ${reasons.map((r) => esc(r)).join('; ')}.</p>`;
}
