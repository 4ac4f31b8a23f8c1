/** The results step: the counts, the model, municipalities, the lists, documents and programme templates. */
import { CATEGORY_COLORS } from '../shared/report-tables';
import { CATEGORY_ORDER, NO_CATEGORY, categoryName, fmt } from '../shared/messages';
import type { ListEntry } from '../shared/wizard-protocol';
import { PROGRAMME_TEMPLATES, type ProgrammeTemplateKind } from './bridge';
import { type WizardRunSummary } from './core';
import { h } from './dom';
import { type State, type WizardContext, LIST_LIMIT, num } from './wizard-context';
import { scatter } from './wizard-scatter';

export function resultsSteps(c: WizardContext): { resultsStep: typeof resultsStep } {
  const { st, bridge, render, act, busyLine, container, check } = c;
  function resultsStep(): HTMLElement {
    const r = st.summary!;
    const box = h('section', { 'data-testid': 'step-results' });
    const byCat = new Map(r.byCategory.map((x) => [x.category, x.count]));
    box.append(
      h('div', { class: 'bar success', 'data-testid': 'done' },
        `Идентификация за ${r.year} год выполнена${r.previousYear ? ` (сравнение с ${r.previousYear} годом)` : ''}. ${bridge.readOnly ? 'Листы результатов' : 'Записаны листы'}: `,
        r.sheetsWritten.map((name, i) => [i ? ', ' : '', h('button', { class: 'link', onclick: () => { void bridge.selectCell(name, 'A1'); } }, `«${name}»`)]),
        bridge.readOnly ? ' — они войдут в книгу с результатами (кнопка «Скачать книгу с результатами»).' : '.'),
      h('div', { class: 'cards' },
        card(r.schools, 'школ в расчёте', 'count-schools'),
        card(r.lists.shnor.length, 'в перечне ШНОР', 'count-shnor'),
        card(r.lists.shfnsu.length, 'в перечне ШФНСУ', 'count-shfnsu'),
        card(r.lists.resilient.length, 'резильентные', 'count-resilient')),
      h('h2', null, 'Категории'),
      h('table', { 'data-testid': 'categories' }, h('tbody', null, CATEGORY_ORDER.map((cat) => h('tr', null,
        h('td', null, h('span', { class: 'swatch', style: { background: CATEGORY_COLORS[cat] } }), categoryName(cat)),
        h('td', { class: 'num', 'data-category': cat }, byCat.get(cat) ?? 0))),
        // The rows add up to the schools of the run: those without a category too.
        r.noCategory ? h('tr', null, h('td', { class: 'muted', title: NO_CATEGORY.meaning }, h('span', { class: 'swatch' }), NO_CATEGORY.label),
          h('td', { class: 'num', 'data-category': '' }, r.noCategory)) : '')),
      h('p', { class: 'muted' }, `Перечень ШНОР — категории «только ШНОР» и «ШНОР и ШФНСУ», перечень ШФНСУ — «только ШФНСУ» и «ШНОР и ШФНСУ». Низкие результаты по выбранному методу: ${r.lowResults}; по федеральному критерию: ${r.federalLow}.`),
      h('h2', null, 'Индекс качества и ИСБШ'),
      scatter(r.points, r.guides ?? null),
      h('div', { class: 'legend' }, CATEGORY_ORDER.map((cat) => h('span', null, h('span', { class: 'swatch', style: { background: CATEGORY_COLORS[cat] } }), categoryName(cat)))),
      r.guides ? h('p', { class: 'muted' }, 'Пунктир: граница групп ИСБШ 1–4 (слева — неблагоприятные условия) и граница групп качества 1–5 (ниже — низкие результаты); точками — граница групп 7–11.') : '',
      modelBlock(r),
      h('h2', null, 'Свод по муниципалитетам'),
      municipalTable(r),
      objectivityBlock(r),
      h('h2', null, 'Перечни для приказа'),
      listTabs(r),
      documentsBlock(r) ?? '',
      h('div', { class: 'actions' },
        h('button', { onclick: () => { st.step = 'settings'; st.notice = null; render(); } }, 'Изменить настройки'),
        h('button', { onclick: () => { st.step = 'data'; void check(); } }, 'Новая проверка данных')),
    );
    return box;
  }

  // ------------------------------------------------------------ documents after the identification

  function documentsBlock(r: WizardRunSummary): HTMLElement | null {
    const canNote = typeof bridge.analyticalNote === 'function';
    const canTemplates = typeof bridge.insertProgrammeTemplate === 'function';
    if (!canNote && !canTemplates) return null;
    const box = h('div', { 'data-testid': 'documents' });
    const busy = busyLine();
    if (canNote) {
      box.append(
        h('h2', null, 'Аналитическая справка'),
        h('p', { class: 'muted' }, `Справка о результатах идентификации ${r.year} года одним файлом HTML: итоги, графики, перечни, адресные рекомендации. Открывается в браузере и в Word, печатается на A4. В книгу ничего не записывается.`),
        h('label', { class: 'check' }, h('input', {
          type: 'checkbox', checked: st.noteCards, 'data-testid': 'note-cards',
          onchange: (ev: Event) => { st.noteCards = (ev.target as HTMLInputElement).checked; },
        }), h('span', null, 'с карточками школ (приложение: по странице на каждую ШНОР и ШФНСУ)')),
        h('div', { class: 'actions' }, h('button', { class: 'primary', 'data-testid': 'note-run', disabled: !!st.busy, onclick: () => void makeNote() }, 'Сформировать справку')),
      );
      if (st.note) {
        box.append(h('div', { class: 'bar success', 'data-testid': 'note-ready' }, `Справка готова: «${st.note.fileName}». `,
          h('a', { href: st.note.url, download: st.note.fileName, 'data-testid': 'note-download' }, 'Скачать'), ' · ',
          h('a', { href: st.note.url, target: '_blank', rel: 'noopener', 'data-testid': 'note-open' }, 'Открыть в новом окне')));
      }
    }
    if (canTemplates) {
      box.append(
        h('h2', null, 'Шаблоны программы'),
        h('p', { class: 'muted' }, 'Дорожные карты и целевые показатели на новых листах этой книги — с проверкой ввода и формулами. Целевые показатели и дорожные карты ШНОР заполняются по этой идентификации. Листы с такими же именами не перезаписываются.'),
        h('label', { class: 'field' }, h('span', null, 'Первый год программы (необязательно)'), h('input', {
          type: 'number', min: 2000, max: 2100, placeholder: 'как в образце', value: st.templateStart, 'data-testid': 'template-start',
          onchange: (ev: Event) => { st.templateStart = (ev.target as HTMLInputElement).value.trim(); },
        })),
        h('table', { 'data-testid': 'programme-templates' }, h('tbody', null, PROGRAMME_TEMPLATES.map((t) => h('tr', null,
          h('td', null, t.title),
          h('td', { class: 'num' }, h('button', { 'data-template': t.kind, disabled: !!st.busy, onclick: () => void insertTemplate(t.kind, t.title) }, 'Вставить')))))),
      );
      const rep = st.templateReport;
      if (rep) {
        box.append(h('div', { class: 'bar success', 'data-testid': 'template-report' },
          `«${rep.title}»: `,
          rep.created.length ? ['добавлены листы ', rep.created.map((name, i) => [i ? ', ' : '', h('button', { class: 'link', onclick: () => { void bridge.selectCell(name, 'A1'); } }, `«${name}»`)])] : 'новых листов нет',
          rep.existing.length ? `; уже были и не изменены: ${rep.existing.map((x) => `«${x}»`).join(', ')}` : '', '.'));
      }
    }
    if (busy) box.append(busy as Node);
    return box;
  }

  async function makeNote(): Promise<void> {
    await act('Формируем аналитическую справку…', async () => {
      const file = await bridge.analyticalNote!({ ...st.settings }, { cards: st.noteCards });
      if (st.note) URL.revokeObjectURL(st.note.url);
      const url = URL.createObjectURL(new Blob([file.html], { type: 'text/html;charset=utf-8' }));
      st.note = { fileName: file.fileName, url };
      offerDownload(url, file.fileName);
    });
  }

  /** Starts the download where the host allows it; the links under the button stay as the fallback. */
  function offerDownload(url: string, fileName: string): void {
    try {
      const a = h('a', { href: url, download: fileName, style: { display: 'none' } });
      container.appendChild(a);
      a.click();
      a.remove();
    } catch {
      // The task pane or sidebar refused: «Скачать» and «Открыть в новом окне» remain.
    }
  }

  async function insertTemplate(kind: ProgrammeTemplateKind, title: string): Promise<void> {
    const text = st.templateStart;
    const start = text === '' ? undefined : Number(text);
    if (start !== undefined && !(Number.isInteger(start) && start >= 2000 && start <= 2100)) {
      st.error = `Первый год программы: ожидался год, например 2026, указано «${text}»`;
      render();
      return;
    }
    await act(`Вставляем «${title}»…`, async () => {
      const r = await bridge.insertProgrammeTemplate!(kind, { ...st.settings }, start === undefined ? {} : { start });
      st.templateReport = { title, created: r.created, existing: r.existing };
    });
  }

  function card(value: number, label: string, testid: string): HTMLElement {
    return h('div', { class: 'card' }, h('b', { 'data-testid': testid }, value), h('span', null, label));
  }

  function modelBlock(r: WizardRunSummary): HTMLElement {
    const box = h('div', { 'data-testid': 'model' });
    if (!r.model) {
      box.append(h('div', { class: 'bar warning' }, `Модель ИСБШ не рассчитана: ${r.modelMessage ?? 'нет социальных данных'}.`));
      return box;
    }
    const m = r.model;
    box.append(
      h('p', null, 'Модель ИСБШ: R² = ', h('b', { 'data-testid': 'model-r2' }, fmt(m.r2, 3)), ', скорректированный R² = ', fmt(m.adjR2, 3),
        ', школ в модели: ', h('b', { 'data-testid': 'model-n' }, m.n), '.'),
      h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Фактор'), h('th', { class: 'num' }, 'b'), h('th', { class: 'num' }, 'β'), h('th', { class: 'num' }, 'p'))),
        h('tbody', null, m.factors.map((f) => h('tr', null, h('td', null, f.name), h('td', { class: 'num' }, num(f.b, 4)), h('td', { class: 'num' }, num(f.beta, 2)),
          h('td', { class: 'num' }, f.p === null ? '—' : f.p < 0.001 ? '< 0,001' : fmt(f.p, 3)))))),
    );
    return box;
  }

  /** The markers of non-objective results (Рособрнадзор): the index, municipalities, the first marked schools. */
  function objectivityBlock(r: WizardRunSummary): HTMLElement {
    const o = r.objectivity;
    const sheet = r.sheetsWritten[4] ?? 'Объективность';
    const box = h('div', { 'data-testid': 'objectivity' }, h('h2', null, 'Объективность результатов'));
    if (o.index === null) {
      box.append(h('p', { class: 'muted' }, `${o.line}. Для расчёта нужны первичные баллы ВПР, корреляция с журналом или ОГЭ со стандартными отклонениями на листе «Результаты» (импорт «Индивидуальных результатов» ФИС ОКО).`));
      return box;
    }
    box.append(
      h('p', { 'data-testid': 'objectivity-index' }, o.line, '.'),
      h('div', { class: 'scroll' }, h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Муниципалитет'), h('th', { class: 'num' }, 'С признаками'), h('th', { class: 'num' }, 'Рассчитано'), h('th', { class: 'num' }, 'Индекс'))),
        h('tbody', null, o.municipalities.map((m) => h('tr', null, h('td', null, m.name), h('td', { class: 'num' }, m.marked), h('td', { class: 'num' }, m.computed),
          h('td', { class: 'num' }, m.index === null ? '—' : fmt(m.index, 1))))))),
      o.schools.length ? h('ul', { 'data-testid': 'objectivity-schools' }, o.schools.slice(0, LIST_LIMIT).map((s) =>
        h('li', null, h('b', null, s.name), ` (${s.code}, ${s.municipality}): ${s.markers.join('; ')}`))) : '',
      o.schools.length > LIST_LIMIT ? h('p', { class: 'muted' }, `Показаны первые ${LIST_LIMIT} из ${o.schools.length}; все признаки с обоснованием — на листе «${sheet}».`) : '',
      h('p', { class: 'muted' }, 'Признак — повод для проверки, а не вывод: «завышенный средний балл» отмечает и просто сильные школы.'),
    );
    return box;
  }

  function municipalTable(r: WizardRunSummary): HTMLElement {
    return h('div', { class: 'scroll' }, h('table', { 'data-testid': 'municipalities' },
      h('thead', null, h('tr', null, h('th', null, 'Муниципалитет'), h('th', { class: 'num' }, 'Школ'), h('th', { class: 'num' }, 'ШНОР'), h('th', { class: 'num' }, 'ШФНСУ'), h('th', { class: 'num' }, 'Резил.'))),
      h('tbody', null, r.municipalities.map((m) => {
        const by = m.byCategory as Record<string, number>;
        return h('tr', null, h('td', null, m.municipality), h('td', { class: 'num' }, m.schools),
          h('td', { class: 'num' }, (by['ШНОР и ШФНСУ'] ?? 0) + (by['ШНОР'] ?? 0)),
          h('td', { class: 'num' }, (by['ШНОР и ШФНСУ'] ?? 0) + (by['ШФНСУ'] ?? 0)),
          h('td', { class: 'num' }, by['резильентная'] ?? 0));
      }))));
  }

  function listTabs(r: WizardRunSummary): HTMLElement {
    const tabs: { key: State['listTab']; title: string; rows: ListEntry[] }[] = [
      { key: 'shnor', title: 'ШНОР', rows: r.lists.shnor },
      { key: 'shfnsu', title: 'ШФНСУ', rows: r.lists.shfnsu },
      { key: 'resilient', title: 'Резильентные', rows: r.lists.resilient },
    ];
    const current = tabs.find((t) => t.key === st.listTab)!;
    const rows = [...current.rows].sort((a, b) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru'));
    return h('div', null,
      h('div', { class: 'tabs', role: 'tablist' }, tabs.map((t) => h('button', {
        role: 'tab', class: t.key === st.listTab ? 'active' : '', 'aria-selected': t.key === st.listTab ? 'true' : 'false', 'data-tab': t.key,
        onclick: () => { st.listTab = t.key; render(); },
      }, `${t.title} (${t.rows.length})`))),
      rows.length === 0 ? h('p', { class: 'muted' }, 'Список пуст.') : h('div', { class: 'scroll' }, h('table', { 'data-testid': `list-${current.key}` },
        h('thead', null, h('tr', null, h('th', null, 'Школа'), h('th', { class: 'num' }, 'КИ'), h('th', { class: 'num' }, 'Гр.'), h('th', { class: 'num' }, 'ИСБШ'))),
        h('tbody', null, rows.slice(0, LIST_LIMIT).map((e) => h('tr', { title: e.reason },
          h('td', null, e.name, h('div', { class: 'muted' }, `${e.code} · ${e.municipality}${e.change === 'new' ? ' · впервые' : e.change === 'continuing' ? ' · повторно' : e.noStatus ? ` · ${e.noStatus}` : ''}`)),
          h('td', { class: 'num' }, num(e.qualityIndex, 3)),
          h('td', { class: 'num' }, e.qualityGroup ?? '—'),
          h('td', { class: 'num' }, num(e.isbsh, 3))))))),
      rows.length > LIST_LIMIT ? h('p', { class: 'muted' }, `Показаны первые ${LIST_LIMIT} из ${rows.length}; полный перечень — на листе «${r.sheetsWritten[3] ?? 'Перечни'}».`) : '',
    );
  }

  return { resultsStep };
}
