/** The settings step (method, thresholds, indicators, ИСБШ factors) and the run with its progress. */
import { fmt } from '../shared/messages';
import { type Method, type Settings } from '../shared/method/settings';
import { normalizeHeader } from '../shared/input/table';
import { type FactorCandidate } from './bridge';
import { h } from './dom';
import { type WizardContext, message, num } from './wizard-context';

export function settingsSteps(c: WizardContext): { settingsStep: typeof settingsStep, runStep: typeof runStep } {
  const { st, bridge, render, act, busyLine, problemsBlock, check, container } = c;
  function settingsStep(): HTMLElement {
    const c = st.check!;
    const cfg = st.settings;
    const box = h('section', { 'data-testid': 'step-settings' });
    const numberField = (label: string, key: 'zCritical' | 'bandWidth' | 'minParticipants' | 'minIndicatorParticipants' | 'minLowIndicators' | 'stabilityYears' | 'similarCount' | 'maxPartners' | 'objectivityMinParticipants', step: string, hint?: string) =>
      h('label', { class: 'field' }, h('span', null, label), h('input', {
        type: 'number', step, value: String(cfg[key]), 'data-setting': key,
        onchange: (e: Event) => { const v = Number((e.target as HTMLInputElement).value.replace(',', '.')); if (Number.isFinite(v)) cfg[key] = v; },
      }), hint ? h('span', { class: 'muted' }, hint) : null);
    const methods: [Method, string][] = [['regional', 'Региональный: группы 1–5 по индексу качества'], ['federal', 'Федеральный: доля не справившихся не ниже порога'], ['both', 'Оба: любой из двух критериев']];
    box.append(
      h('label', { class: 'field' }, h('span', null, 'Год идентификации'),
        h('select', { 'data-setting': 'year', onchange: (e: Event) => { cfg.year = Number((e.target as HTMLSelectElement).value); st.candidates = null; } },
          [...c.years].reverse().map((y) => h('option', { value: String(y), selected: y === cfg.year }, String(y))))),
      h('fieldset', null, h('legend', null, 'Метод отнесения к ШНОР'),
        methods.map(([m, label]) => h('label', { class: 'check' },
          h('input', { type: 'radio', name: 'shw-method', value: m, checked: cfg.method === m, onchange: () => { cfg.method = m; } }), label))),
      h('div', { class: 'grid2' },
        numberField('Критическое значение z', 'zCritical', '0.01', '1,96 — уровень значимости 0,05 (уровень доверия 95%)'),
        numberField('Ширина группы, σ', 'bandWidth', '0.05'),
        numberField('Минимум участников', 'minParticipants', '1', 'по всем показателям школы'),
        h('label', { class: 'field' }, h('span', null, 'Порог неуспешности, %'), h('input', {
          type: 'number', step: '1', value: String(Math.round(cfg.failShare * 1000) / 10), 'data-setting': 'failShare',
          onchange: (e: Event) => { const v = Number((e.target as HTMLInputElement).value.replace(',', '.')); if (v > 0 && v <= 100) cfg.failShare = v / 100; },
        })),
        numberField('Минимум участников в показателе', 'minIndicatorParticipants', '1'),
        numberField('Лет для устойчивости', 'stabilityYears', '1'),
      ),
    );
    // Indicators: every indicator in the data; «all» when every box is ticked.
    const chosen = new Set(cfg.indicators === 'all' ? c.indicators.map(normalizeHeader) : cfg.indicators.map(normalizeHeader));
    const indicatorBoxes = c.indicators.map((k) => h('input', { type: 'checkbox', value: k, checked: chosen.has(normalizeHeader(k)) }));
    const syncIndicators = () => {
      const on = indicatorBoxes.filter((b) => b.checked).map((b) => b.value);
      cfg.indicators = on.length === indicatorBoxes.length ? 'all' : on;
      st.candidates = null;
    };
    indicatorBoxes.forEach((b) => b.addEventListener('change', syncIndicators));
    box.append(h('fieldset', { 'data-testid': 'indicators' }, h('legend', null, `Показатели (${c.indicators.length})`),
      indicatorBoxes.map((b) => h('label', { class: 'check' }, b, b.value))));
    // Factors of the ИСБШ and the candidate table.
    const factorSet = new Set(cfg.factors.map(normalizeHeader));
    const factorBoxes = c.socialColumns.map((k) => h('input', { type: 'checkbox', value: k, checked: factorSet.has(normalizeHeader(k)) }));
    factorBoxes.forEach((b) => b.addEventListener('change', () => { cfg.factors = factorBoxes.filter((x) => x.checked).map((x) => x.value); st.candidates = null; }));
    const factors = h('fieldset', { 'data-testid': 'factors' }, h('legend', null, 'Факторы ИСБШ'));
    if (!c.socialColumns.length) factors.append(h('p', { class: 'muted' }, 'Нет листа «Социальные показатели»: ИСБШ и категории ШФНСУ не будут рассчитаны.'));
    factors.append(...factorBoxes.map((b) => h('label', { class: 'check' }, b, b.value)));
    if (c.socialColumns.length) {
      factors.append(h('div', { class: 'actions' }, h('button', {
        disabled: !!st.busy, 'data-testid': 'candidates-run',
        onclick: () => void act('Оцениваем факторы…', async () => { st.candidates = await bridge.candidateFactors({ ...cfg }); }),
      }, 'Таблица кандидатов в факторы')));
      if (st.candidates) factors.append(candidateTable(st.candidates));
    }
    box.append(factors);
    const advanced = h('details', null, h('summary', null, 'Дополнительно'),
      h('div', { class: 'grid2' },
        numberField('Минимум показателей ниже порога', 'minLowIndicators', '1', 'для федерального критерия'),
        numberField('Число похожих школ', 'similarCount', '1'),
        numberField('Число партнёров', 'maxPartners', '1'),
        numberField('Минимум участников для признаков объективности', 'objectivityMinParticipants', '1', 'признаки Рособрнадзора: меньше — «недостаточно данных»'),
        h('label', { class: 'field' }, h('span', null, 'Веса показателей'), h('select', { onchange: (e: Event) => { cfg.indicatorWeights = (e.target as HTMLSelectElement).value as Settings['indicatorWeights']; } },
          h('option', { value: 'equal', selected: cfg.indicatorWeights === 'equal' }, 'равные'),
          h('option', { value: 'participants', selected: cfg.indicatorWeights === 'participants' }, 'по участникам'))),
        h('label', { class: 'field' }, h('span', null, 'Региональное среднее'), h('select', { onchange: (e: Event) => { cfg.regionalMean = (e.target as HTMLSelectElement).value as Settings['regionalMean']; } },
          h('option', { value: 'unweighted', selected: cfg.regionalMean === 'unweighted' }, 'невзвешенное'),
          h('option', { value: 'weighted', selected: cfg.regionalMean === 'weighted' }, 'взвешенное'))),
      ));
    box.append(advanced);
    if (Object.keys(st.saved).length) {
      box.append(h('p', { class: 'muted' }, 'Настройки мастера сохранены в этой книге и имеют приоритет над листом «Настройки». ',
        h('button', { class: 'link', onclick: () => void act('Сбрасываем…', async () => {
          await bridge.saveSettings({});
          st.saved = {};
          const year = cfg.year;
          st.settings = { ...c.settings, year };
          st.notice = 'Настройки мастера сброшены: действуют значения листа «Настройки».';
        }) }, 'Сбросить')));
    }
    const busy = busyLine();
    if (busy) box.append(busy as Node);
    box.append(h('div', { class: 'actions' },
      h('button', { onclick: () => { st.step = 'data'; st.notice = null; render(); } }, 'Назад'),
      h('span', { class: 'spacer' }),
      h('button', { class: 'primary', 'data-testid': 'run', disabled: !!st.busy, onclick: () => void run() }, 'Запустить идентификацию')));
    return box;
  }

  function candidateTable(rows: FactorCandidate[]): HTMLElement {
    return h('div', { class: 'scroll', 'data-testid': 'candidates' }, h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'Фактор'), h('th', null, 'В модели'), h('th', { class: 'num' }, 'β'), h('th', { class: 'num' }, 'p'),
        h('th', { class: 'num', title: 'Прирост скорректированного R² при добавлении фактора' }, 'ΔR²'))),
      h('tbody', null, rows.map((r) => h('tr', null,
        h('td', null, r.name, r.message ? h('div', { class: 'muted' }, r.message) : null),
        h('td', null, r.inModel ? 'да' : 'нет'),
        h('td', { class: 'num' }, num(r.beta, 2)),
        h('td', { class: 'num' }, r.p === null ? '—' : r.p < 0.001 ? '< 0,001' : fmt(r.p, 3)),
        h('td', { class: 'num' }, r.inModel ? '' : num(r.adjR2Gain, 3)))))),
    h('p', { class: 'muted' }, 'Каждый кандидат добавлен к выбранным факторам по отдельности. Значимый фактор (p < 0,05) с заметным приростом R² стоит обсудить как дополнительный.'));
  }

  // ------------------------------------------------------------ run

  async function run(): Promise<void> {
    const settings: Partial<Settings> = { ...st.settings };
    st.step = 'run';
    st.summary = null;
    st.progress = { fraction: 0, message: 'Подготовка…' };
    st.notice = null;
    st.error = null;
    render();
    try {
      const { year: _year, ...toSave } = settings;
      await bridge.saveSettings(toSave).catch(() => undefined);
      st.saved = toSave;
      const summary = await bridge.run(settings, (p) => {
        st.progress = p;
        const bar = container.querySelector('progress');
        const line = container.querySelector('[data-testid=progress-message]');
        if (bar) (bar as HTMLProgressElement).value = p.fraction;
        if (line) line.textContent = p.message;
      });
      st.summary = summary;
      st.step = summary.ok ? 'results' : 'run';
      if (!summary.ok) st.error = 'Расчёт не выполнен: в данных есть ошибки (список ниже).';
    } catch (e) {
      st.error = message(e);
    }
    render();
  }

  function runStep(): HTMLElement {
    const box = h('section', { 'data-testid': 'step-run' });
    if (st.summary && !st.summary.ok) {
      const errors = st.summary.problems.filter((p) => p.severity === 'error').length;
      box.append(problemsBlock(st.summary.problems, errors, st.summary.problems.length - errors));
    } else if (!st.error) {
      box.append(h('p', null, h('span', { class: 'spinner' }), 'Идёт расчёт…'),
        h('progress', { max: 1, value: st.progress.fraction, 'aria-label': 'Ход расчёта' }),
        h('p', { class: 'muted', 'data-testid': 'progress-message' }, st.progress.message));
    }
    if (st.error || (st.summary && !st.summary.ok)) {
      box.append(h('div', { class: 'actions' }, h('button', { onclick: () => { st.step = 'settings'; st.error = null; render(); } }, 'Назад к настройкам'),
        h('button', { onclick: () => { st.step = 'data'; st.error = null; void check(); } }, 'К проверке данных')));
    }
    return box;
  }



  return { settingsStep, runStep };
}
