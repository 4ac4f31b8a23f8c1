/**
 * The note's section on objectivity: the index, the municipalities, the chart of K with the limits,
 * the list and the caveat that inflated-mean marks simply good schools too; the cards mention the
 * markers. On the Python reference region (the index checked there) and on a region without data.
 */
import { identify } from '../../shared/method/identify';
import { analyticalNote } from '../../shared/report/note';
import { recommend } from '../../shared/recommendations/recommend';
import { cardHtml } from '../../shared/report/cards';
import { esc } from '../../shared/report/html';
import { gridsOf, referenceRegion } from '../helpers/objectivity-region';
import { schoolsGrid } from './helpers';

describe('the analytical note', () => {
  const ref = referenceRegion(400, 7);
  const tables = gridsOf(ref);
  const result = identify(tables, { year: ref.year });
  const html = analyticalNote(result);
  const section = /<section id="objectivity">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';

  test('a section with the index of the reference, the municipalities and the marked schools', () => {
    expect(section).toContain('Объективность результатов (признаки Рособрнадзора)');
    const index = ref.expected.index!.toFixed(1).replace('.', ',');
    expect(section).toContain(`Индекс объективности региона: ${index}`);
    for (const m of ref.expected.municipalities) expect(section).toContain(`<td>${m.name}</td>`);
    const marked = Object.values(ref.expected.status).filter((st) => st.includes('marked')).length;
    expect(section).toMatch(new RegExp(`Школы с признаками \\(${marked} `));
    expect(html).toContain('<li><a href="#objectivity">');
  });

  test('the chart of K draws both subjects\' limits Q25 − 3·IQR and Q75 + 3·IQR at the reference\'s values', () => {
    expect(section).toContain('id="chart-cohort"');
    for (const c of ref.expected.cohorts) {
      expect(section).toContain(`Q25 − 3·IQR = ${c.low.toFixed(2).replace('.', ',')}`);
      expect(section).toContain(`Q75 + 3·IQR = ${c.high.toFixed(2).replace('.', ',')}`);
    }
    expect(section).toMatch(/<figcaption><b>Рисунок \d+\.<\/b> Резкое изменение результатов когорты/);
  });

  test('the caveat: inflated mean marks simply good schools too; the addition is the region\'s', () => {
    expect(section).toContain('«Завышенный средний балл» отмечает и просто сильные школы');
    expect(section).toContain('это не признак Рособрнадзора и в индекс объективности не входит');
    expect(section).not.toMatch(/NaN|undefined/);
  });

  test('a card of a school with a marker says so, with the reason', () => {
    const rec = recommend(result, { tables });
    const card = rec.cards.find((c) => c.objectivity.length)!;
    expect(card).toBeDefined();
    const h = cardHtml(card, 1);
    expect(h).toContain('<h4>Объективность результатов</h4>');
    expect(h).toContain(esc(card.objectivity[0]));
    const clean = rec.cards.find((c) => !c.objectivity.length);
    if (clean) expect(cardHtml(clean, 1)).not.toContain('Объективность результатов');
  });

  test('without any data the section says what to import', () => {
    const r = identify({ schools: schoolsGrid(['1', '2']), results: [['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл'],
      [2025, '1', 'ЕГЭ', 11, 'Математика', 20, 60], [2025, '2', 'ЕГЭ', 11, 'Математика', 20, 50]] });
    const note = analyticalNote(r);
    expect(note).toContain('Признаки необъективности не рассчитаны');
    expect(note).not.toContain('chart-cohort');
  });
});
