/** The data step: the check of the input sheets, their problems, imports of results and of exports. */
import { NOUN, counted } from '../shared/messages';
import { type ExportImportReport, type ExportKind, IMPORT_TARGETS, type ImportTarget, type Problem, type SheetPreview } from './bridge';
import { INPUT_SHEETS, exportTarget, guessMapping, isFisOkoKind } from './core';
import { h } from './dom';
import { type WizardContext, PROBLEM_LIMIT, EXPORT_KINDS, message, count, columnName } from './wizard-context';

export function dataSteps(c: WizardContext): { check: typeof check, dataStep: typeof dataStep, problemsBlock: typeof problemsBlock } {
  const { st, bridge, render, act, busyLine, container } = c;

  async function check(): Promise<void> {
    await act('Проверяем данные…', async () => {
      const [check, saved] = await Promise.all([bridge.checkData(), bridge.loadSettings().catch(() => ({}))]);
      st.check = check;
      st.saved = saved ?? {};
      st.settings = { ...check.settings, ...st.saved };
      if (st.settings.year === null || !check.years.includes(st.settings.year)) st.settings.year = check.years.length ? check.years[check.years.length - 1] : null;
      st.candidates = null;
    });
  }


  function dataStep(): HTMLElement {
    const c = st.check;
    const box = h('section', { 'data-testid': 'step-data' });
    box.append(h('p', { class: 'muted' }, bridge.readOnly
      ? 'Мастер читает листы «Школы», «Результаты», «Социальные показатели» и «Настройки» и никогда их не изменяет. Результаты войдут в новую книгу для скачивания: исходные листы без изменений и листы результатов этого года.'
      : 'Мастер читает листы «Школы», «Результаты», «Социальные показатели» и «Настройки» и никогда их не изменяет. Результаты записываются на новые листы этого года.'));
    const busy = busyLine();
    if (busy) box.append(busy as Node);
    if (!c) {
      box.append(h('div', { class: 'actions' }, h('button', { class: 'primary', onclick: () => void check(), disabled: !!st.busy }, 'Проверить данные')));
      return box;
    }
    box.append(
      h('h2', null, 'Листы книги'),
      h('table', { 'data-testid': 'sheets' },
        h('thead', null, h('tr', null, h('th', null, 'Лист'), h('th', null, 'Найден'), h('th', { class: 'num' }, 'Строк'))),
        h('tbody', null, c.sheets.map((x) => h('tr', null,
          h('td', null, x.name, x.required ? '' : h('span', { class: 'muted' }, ' (необязательный)')),
          h('td', null, x.found ? h('span', { class: 'ok' }, 'да') : h('span', { class: x.required ? 'no' : 'muted' }, 'нет')),
          h('td', { class: 'num' }, x.rows))))),
      h('p', { 'data-testid': 'data-summary' },
        `Школ: ${c.schools}. Годы: ${c.years.length ? c.years.join(', ') : 'нет'}. Показателей: ${c.indicators.length}. Социальных столбцов: ${c.socialColumns.length}.`),
    );
    const missing = c.sheets.filter((x) => !x.found);
    if (missing.length && bridge.readOnly) {
      box.append(h('div', { class: 'bar info' }, `Нет листов: ${missing.map((m) => `«${m.name}»`).join(', ')}. Добавьте их в книгу (или файлы в папку) и откройте её снова.`));
    } else if (missing.length) {
      box.append(h('div', { class: 'bar info' },
        `Нет листов: ${missing.map((m) => `«${m.name}»`).join(', ')}. Мастер может добавить их как шаблоны с заголовками, подсказками и проверкой ввода.`,
        h('div', { class: 'actions' }, h('button', { onclick: () => void createTemplates(), disabled: !!st.busy, 'data-testid': 'create-templates' }, 'Создать шаблоны листов'))));
    }
    if (!bridge.readOnly) box.append(importSection());
    const exportBox = bridge.readOnly ? null : exportSection();
    if (exportBox) box.append(exportBox);
    box.append(problemsBlock(c.problems, c.errors, c.warnings));
    if (c.defaultsUsed.length) {
      box.append(h('details', null, h('summary', null, `Значения по умолчанию (${c.defaultsUsed.length})`),
        h('ul', { class: 'muted' }, c.defaultsUsed.map((d) => h('li', null, d)))));
    }
    box.append(h('div', { class: 'actions' },
      h('button', { onclick: () => void check(), disabled: !!st.busy }, 'Проверить снова'),
      h('span', { class: 'spacer' }),
      h('button', {
        class: 'primary', 'data-testid': 'to-settings', disabled: !!st.busy || c.errors > 0 || c.schools === 0,
        onclick: () => { st.step = 'settings'; st.notice = null; render(); },
      }, 'Далее: настройки')));
    if (c.errors > 0) {
      box.append(h('p', { class: 'muted' }, bridge.readOnly
        ? 'Исправьте ошибки в книге (или в CSV-файлах), сохраните её и откройте снова: без этого расчёт невозможен.'
        : 'Исправьте ошибки в листах и нажмите «Проверить снова»: без этого расчёт невозможен.'));
    }
    return box;
  }

  function problemsBlock(problems: Problem[], errors: number, warnings: number): HTMLElement {
    const box = h('div', { 'data-testid': 'problems' });
    if (!problems.length) {
      box.append(h('div', { class: 'bar success' }, 'Проблем в данных не найдено.'));
      return box;
    }
    box.append(h('h2', null, `Замечания: ${count(errors, NOUN.error)}, ${count(warnings, NOUN.warning)}`));
    const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    const shown = st.showAllProblems ? sorted : sorted.slice(0, PROBLEM_LIMIT);
    box.append(h('p', { class: 'muted' }, 'Нажмите на замечание, чтобы перейти к ячейке.'));
    box.append(h('div', { class: 'scroll' }, h('ul', { class: 'problems' }, shown.map((p) => {
      const target = p.sheet && (p.cell || p.row) ? { sheet: p.sheet, cell: p.cell ?? `${p.row}:${p.row}` } : null;
      return h('li', {
        class: `${p.severity}${target ? ' clickable' : ''}`,
        title: target ? `Перейти: ${target.sheet}!${target.cell}` : null,
        onclick: target ? () => { bridge.selectCell(target.sheet, target.cell).catch((e) => { st.error = message(e); render(); }); } : null,
      }, p.message);
    }))));
    if (sorted.length > shown.length) {
      box.append(h('button', { class: 'link', onclick: () => { st.showAllProblems = true; render(); } }, `Показать все (${sorted.length})`));
    }
    return box;
  }

  async function createTemplates(): Promise<void> {
    await act('Создаём шаблоны…', async () => {
      const r = await bridge.createTemplates();
      st.notice = r.created.length ? `Добавлены листы: ${r.created.map((x) => `«${x}»`).join(', ')}. Заполните их и нажмите «Проверить снова».` : 'Все листы уже есть.';
      st.check = await bridge.checkData();
    });
  }

  // ------------------------------------------------------------ import

  function importSection(): HTMLElement {
    const det = h('details', { 'data-testid': 'import' }, h('summary', null, 'Импорт результатов с другого листа'));
    det.addEventListener('toggle', () => {
      if (!det.open) { st.sheets = null; return; }
      if (!st.sheets && !st.busy) {
        void bridge.listSheets().then((list) => { st.sheets = list; st.importSheet = null; render(); reopen(); }, (e) => { st.error = message(e); render(); });
      }
    });
    const reopen = () => {
      const d = container.querySelector<HTMLDetailsElement>('details[data-testid=import]');
      if (d) d.open = true;
    };
    if (st.sheets) {
      det.open = true;
      det.append(importForm(st.sheets, reopen));
    } else {
      det.append(h('p', { class: 'muted' }, 'Выгрузка из ФИС ОКО или региональной системы на отдельном листе: сопоставьте её столбцы со столбцами листа «Результаты», и строки будут добавлены в конец «Результатов». Лист-источник не меняется.'));
    }
    return det;
  }

  function importForm(sheets: SheetPreview[], reopen: () => void): HTMLElement {
    const inputNames = new Set((st.check?.sheets ?? []).map((x) => x.name));
    const sources = sheets.filter((x) => !inputNames.has(x.name) && x.rows > 0);
    const form = h('div');
    if (!sources.length) {
      form.append(h('p', { class: 'muted' }, 'В книге нет других листов с данными. Вставьте выгрузку на новый лист и откройте этот раздел снова.'));
      form.append(h('button', { class: 'link', onclick: () => { st.sheets = null; render(); } }, 'Обновить список листов'));
      return form;
    }
    const current = sources.find((x) => x.name === st.importSheet) ?? sources[0];
    st.importSheet = current.name;
    const select = h('select', { 'data-testid': 'import-sheet', onchange: (e: Event) => { st.importSheet = (e.target as HTMLSelectElement).value; render(); reopen(); } },
      sources.map((x) => h('option', { value: x.name, selected: x.name === current.name }, `${x.name} (${counted(x.rows, NOUN.row)})`)));
    const headerRow = h('input', { type: 'number', min: 1, value: String(current.headerRow) });
    const guessed = guessMapping(current.headers);
    const rows = IMPORT_TARGETS.map((t) => {
      const sel = h('select', { 'data-target': t },
        h('option', { value: '' }, '— нет —'),
        current.headers.map((title, i) => h('option', { value: String(i), selected: guessed[t] === i }, `${columnName(i)}: ${title || '(без заголовка)'}`)));
      const constant = h('input', { type: 'text', placeholder: 'для всех строк', 'data-constant': t });
      return { t, sel, constant, row: h('tr', null, h('td', null, t), h('td', null, sel), h('td', null, constant)) };
    });
    form.append(
      h('label', { class: 'field' }, h('span', null, 'Лист-источник'), select),
      h('label', { class: 'field' }, h('span', null, 'Строка заголовка'), headerRow),
      h('table', { class: 'mapping' }, h('thead', null, h('tr', null, h('th', { style: { width: '32%' } }, 'В «Результаты»'), h('th', null, 'Из столбца'), h('th', { style: { width: '30%' } }, 'Или значение'))),
        h('tbody', null, rows.map((r) => r.row))),
      h('div', { class: 'actions' }, h('button', {
        class: 'primary', disabled: !!st.busy, 'data-testid': 'import-run',
        onclick: () => void act('Импортируем…', async () => {
          const columns: Partial<Record<ImportTarget, number>> = {};
          const constants: Partial<Record<ImportTarget, string>> = {};
          for (const r of rows) {
            if (r.sel.value !== '') columns[r.t] = Number(r.sel.value);
            else if (r.constant.value.trim() !== '') constants[r.t] = r.constant.value.trim();
          }
          const rep = await bridge.importResults({ sourceSheet: current.name, headerRow: Math.max(1, Number(headerRow.value) || 1), columns, constants });
          st.notice = `Добавлено строк в «Результаты»: ${rep.appended}; пропущено: ${rep.skipped}.${rep.messages.length ? ' ' + rep.messages.slice(0, 3).join(' ') : ''}`;
          st.sheets = null;
          st.check = await bridge.checkData();
        }),
      }, 'Добавить в «Результаты»')),
    );
    return form;
  }

  // ------------------------------------------------------------ import of official exports

  function exportSection(): HTMLElement | null {
    if (typeof bridge.importExport !== 'function') return null;
    const e = st.exp;
    const det = h('details', { 'data-testid': 'export-import' }, h('summary', null, 'Импорт выгрузок: ВПР, ОГЭ, ЕГЭ, социальный паспорт'));
    det.open = e.open;
    det.addEventListener('toggle', () => {
      if (det.open === e.open) return;
      e.open = det.open;
      if (e.open && !e.sheets) loadExportSheets();
    });
    if (!e.sheets) {
      det.append(h('p', { class: 'muted' }, 'Откройте выгрузку (файл из ФИС ОКО, РЦОИ или социальные паспорта школ) и скопируйте её на новый лист этой книги как есть: мастер найдёт заголовок, сопоставит строки со школами листа «Школы» и добавит их на «Результаты» или «Социальные показатели». Лист выгрузки не меняется.'));
      return det;
    }
    const inputs = new Set<string>(INPUT_SHEETS);
    const sources = e.sheets.filter((x) => !inputs.has(x.name) && x.rows > 0);
    if (!sources.length) {
      det.append(h('p', { class: 'muted' }, 'В книге нет других листов с данными. Скопируйте выгрузку на новый лист и нажмите «Обновить список листов».'),
        h('button', { class: 'link', onclick: () => loadExportSheets() }, 'Обновить список листов'));
      return det;
    }
    if (!e.sheet || !sources.some((x) => x.name === e.sheet)) e.sheet = sources[0].name;
    const changed = () => { e.report = null; e.reportKey = null; };
    const key = exportKey();
    const previewed = !!e.report && e.reportPreview && e.reportKey === key && !e.report.failed;
    det.append(
      h('label', { class: 'field' }, h('span', null, 'Что импортировать'), h('select', {
        'data-testid': 'export-kind', onchange: (ev: Event) => { e.kind = (ev.target as HTMLSelectElement).value as ExportKind; changed(); render(); },
      }, EXPORT_KINDS.map((k) => h('option', { value: k.kind, selected: k.kind === e.kind }, k.title)))),
      h('label', { class: 'field' }, h('span', null, 'Лист с выгрузкой'), h('select', {
        'data-testid': 'export-sheet', onchange: (ev: Event) => { e.sheet = (ev.target as HTMLSelectElement).value; changed(); render(); },
      }, sources.map((x) => h('option', { value: x.name, selected: x.name === e.sheet }, `${x.name} (${counted(x.rows, NOUN.row)})`)))),
      h('label', { class: 'field' }, h('span', null, 'Год результатов (если его нет в заголовке выгрузки)'), h('input', {
        type: 'number', min: 1990, max: 2100, placeholder: 'из заголовка', value: e.year, 'data-testid': 'export-year',
        onchange: (ev: Event) => { e.year = (ev.target as HTMLInputElement).value.trim(); changed(); render(); },
      })),
      h('label', { class: 'field' }, h('span', null, 'Сопоставление столбцов (необязательно)'), h('input', {
        type: 'text', value: e.mapping, 'data-testid': 'export-mapping', disabled: isFisOkoKind(e.kind),
        placeholder: e.kind === 'passport' ? 'Обучающихся=C; Код ОО=A' : isFisOkoKind(e.kind) ? 'для ВПР не нужно' : 'Участников=D; Средний балл=Результат; Код ОО=-',
        onchange: (ev: Event) => { e.mapping = (ev.target as HTMLInputElement).value; changed(); render(); },
      }), h('div', { class: 'muted' }, e.kind === 'vpr-pupils'
        ? 'Отчёт ФИС ОКО «Индивидуальные результаты»: ученики сводятся по школам (средний первичный балл, его отклонение, процент выполнения, корреляция с отметками по журналу); строки учеников в книгу не попадают. Строки школ, уже импортированные из «Статистики по отметкам», дополняются.'
        : e.kind === 'vpr-journal'
          ? 'Отчёт ФИС ОКО «Сравнение отметок с отметками по журналу»: доли понизивших, подтвердивших и повысивших отметку по школам; строки школ, уже импортированные из «Статистики по отметкам», дополняются.'
          : isFisOkoKind(e.kind)
        ? 'Таблица ФИС ОКО распознаётся сама: год, класс и предмет берутся из заголовка, школы — по логину sch… или по наименованию.'
        : 'Поле = буква столбца, его заголовок или «-» (не брать). Нажмите «Проверить», чтобы увидеть, какой столбец куда попадёт.')),
      h('div', { class: 'actions' },
        h('button', { 'data-testid': 'export-preview', disabled: !!st.busy, onclick: () => void runExport(true) }, 'Проверить'),
        h('button', {
          class: 'primary', 'data-testid': 'export-run', disabled: !!st.busy || !previewed || (e.report?.added ?? 0) + (e.report?.filled ?? 0) === 0,
          title: previewed ? null : 'Сначала нажмите «Проверить»', onclick: () => void runExport(false),
        }, 'Импортировать')),
    );
    if (e.report) det.append(exportReport(e.report, e.reportPreview));
    return det;
  }

  function exportKey(): string {
    const e = st.exp;
    return JSON.stringify([e.kind, e.sheet, e.year, isFisOkoKind(e.kind) ? '' : e.mapping.trim()]);
  }

  function loadExportSheets(): void {
    bridge.listSheets().then((list) => { st.exp.sheets = list; render(); }, (err) => { st.error = message(err); render(); });
  }

  function exportReport(r: ExportImportReport, preview: boolean): HTMLElement {
    const target = `«${exportTarget(st.exp.kind)}»`;
    const head = r.failed
      ? h('div', { class: 'bar error', 'data-testid': 'export-summary' }, 'Найдены ошибки: ничего не записано. Исправьте выгрузку или сопоставление столбцов и проверьте снова.')
      : h('div', { class: `bar ${preview ? 'info' : 'success'}`, 'data-testid': 'export-summary' }, preview
        ? `Проверка: будет добавлено строк на лист ${target} — ${r.added}${r.filled ? `, дополнено — ${r.filled}` : ''}${r.alreadyThere ? `; уже есть в книге — ${r.alreadyThere}` : ''}. Книга не изменена.`
        : `Импорт выполнен: добавлено строк на лист ${target} — ${r.added}${r.filled ? `, дополнено — ${r.filled}` : ''}${r.alreadyThere ? `; уже были в книге — ${r.alreadyThere}` : ''}.`);
    return h('div', null, head, r.messages.length ? h('pre', { class: 'report', 'data-testid': 'export-report' }, r.messages.join('\n')) : null);
  }

  async function runExport(preview: boolean): Promise<void> {
    const e = st.exp;
    const yearText = e.year.trim();
    const year = yearText === '' ? undefined : Number(yearText);
    if (year !== undefined && !Number.isInteger(year)) { st.error = `Год: ожидалось целое число, например 2025, указано «${yearText}»`; render(); return; }
    const key = exportKey();
    await act(preview ? 'Проверяем выгрузку…' : 'Импортируем выгрузку…', async () => {
      const report = await bridge.importExport!({
        kind: e.kind, sourceSheet: e.sheet!, year, mapping: isFisOkoKind(e.kind) ? undefined : e.mapping.trim() || undefined, preview,
      });
      e.report = report;
      e.reportKey = key;
      e.reportPreview = preview;
      if (!preview && !report.failed) {
        st.check = await bridge.checkData();
        e.sheets = null;
        loadExportSheets();
      }
    });
  }

  // ------------------------------------------------------------ settings


  return { check, dataStep, problemsBlock };
}
