/**
 * The identification wizard: data → settings → run → results. One DOM implementation for the
 * Excel task pane, the Google Sheets sidebar and the browser demo; the host is behind a
 * WizardBridge (wizard/bridge.ts). Everything the user reads here is Russian.
 *
 * @example mountWizard(document.getElementById('app')!, new DemoBridge(generateRegion()))
 */
import { CATEGORY_COLORS } from '../shared/report-tables';
import { CATEGORY_ORDER, NO_CATEGORY, fmt, plural } from '../shared/messages';
import { DEFAULT_SETTINGS, type Method, type Settings } from '../shared/method/settings';
import { normalizeHeader } from '../shared/input/table';
import type { ListEntry } from '../shared/wizard-protocol';
import {
  type DataCheck, type ExportImportReport, type ExportKind, type FactorCandidate, IMPORT_TARGETS, type ImportTarget, PROGRAMME_TEMPLATES, type Problem,
  type ProgrammeTemplateKind, type RunProgress, type SheetPreview, type WizardBridge,
} from './bridge';
import { INPUT_SHEETS, type QuadrantGuides, type WizardRunSummary, exportTarget, guessMapping } from './core';
import { type Child, h, s } from './dom';
import { WIZARD_CSS } from './styles';

type Step = 'data' | 'settings' | 'run' | 'results';
const STEPS: { key: Step; title: string }[] = [
  { key: 'data', title: 'Данные' }, { key: 'settings', title: 'Настройки' }, { key: 'run', title: 'Расчёт' }, { key: 'results', title: 'Результаты' },
];

/** Rows shown in a list before «the rest is on the sheet». */
const LIST_LIMIT = 200;
/** Problems shown before «show all». */
const PROBLEM_LIMIT = 100;

interface State {
  step: Step;
  busy: string | null;
  error: string | null;
  notice: string | null;
  check: DataCheck | null;
  saved: Partial<Settings>;
  settings: Settings;
  candidates: FactorCandidate[] | null;
  progress: RunProgress;
  summary: WizardRunSummary | null;
  showAllProblems: boolean;
  listTab: 'shnor' | 'shfnsu' | 'resilient';
  sheets: SheetPreview[] | null;
  importSheet: string | null;
  /** The analytical note made last (a blob: URL the wizard revokes when replaced). */
  note: { fileName: string; url: string } | null;
  noteCards: boolean;
  templateStart: string;
  templateReport: { title: string; created: string[]; existing: string[] } | null;
  exp: ExportState;
}

/** «Импорт выгрузок»: the form's values survive re-renders here. */
interface ExportState {
  open: boolean;
  sheets: SheetPreview[] | null;
  kind: ExportKind;
  sheet: string | null;
  year: string;
  mapping: string;
  report: ExportImportReport | null;
  /** The request the report answers (kind, sheet, year, mapping) and whether it was a preview. */
  reportKey: string | null;
  reportPreview: boolean;
}

const EXPORT_KINDS: { kind: ExportKind; title: string }[] = [
  { kind: 'vpr', title: 'ВПР — статистика по отметкам (ФИС ОКО)' },
  { kind: 'oge', title: 'ОГЭ — результаты по школам' },
  { kind: 'ege', title: 'ЕГЭ — результаты по школам' },
  { kind: 'passport', title: 'Социальный паспорт школ' },
];

export interface WizardHandle {
  /** Re-reads the workbook and returns to the data step. */
  refresh(): Promise<void>;
  unmount(): void;
}

function injectStyles(doc: Document): void {
  if (doc.getElementById('shw-style')) return;
  const style = doc.createElement('style');
  style.id = 'shw-style';
  style.textContent = WIZARD_CSS;
  doc.head.appendChild(style);
}

function message(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return text || 'Неизвестная ошибка';
}

const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : fmt(x, digits));
const count = (n: number, one: string, few: string, many: string) => `${n} ${plural(n, one, few, many)}`;

/** Mounts the wizard into `root` (its content is replaced) and starts with the data check. */
export function mountWizard(root: HTMLElement, bridge: WizardBridge): WizardHandle {
  injectStyles(root.ownerDocument);
  const st: State = {
    step: 'data', busy: null, error: null, notice: null, check: null, saved: {}, settings: { ...DEFAULT_SETTINGS },
    candidates: null, progress: { fraction: 0, message: '' }, summary: null, showAllProblems: false, listTab: 'shnor',
    sheets: null, importSheet: null, note: null, noteCards: true, templateStart: '', templateReport: null,
    exp: { open: false, sheets: null, kind: 'vpr', sheet: null, year: '', mapping: '', report: null, reportKey: null, reportPreview: true },
  };
  const container = h('div', { class: 'shw', lang: 'ru' });
  root.replaceChildren(container);
  let alive = true;

  function render(): void {
    if (!alive) return;
    const scrollY = container.scrollTop;
    container.replaceChildren(
      h('h1', null, 'Идентификация ШНОР и ШФНСУ'),
      h('ol', { class: 'shw-steps', 'aria-label': 'Шаги мастера' },
        STEPS.map((x, i) => h('li', {
          class: x.key === st.step ? 'current' : i < STEPS.findIndex((y) => y.key === st.step) ? 'done' : '',
          'aria-current': x.key === st.step ? 'step' : null,
        }, x.title))),
      st.error ? h('div', { class: 'bar error', role: 'alert', 'data-testid': 'error' }, st.error) : '',
      st.notice ? h('div', { class: 'bar success', role: 'status' }, st.notice) : '',
      st.step === 'data' ? dataStep() : st.step === 'settings' ? settingsStep() : st.step === 'run' ? runStep() : resultsStep(),
    );
    container.scrollTop = scrollY;
  }

  async function act(label: string, fn: () => Promise<void>): Promise<void> {
    st.busy = label;
    st.error = null;
    render();
    try {
      await fn();
    } catch (e) {
      st.error = message(e);
    } finally {
      st.busy = null;
      render();
    }
  }

  // ------------------------------------------------------------ data

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

  function busyLine(): Child {
    return st.busy ? h('p', { 'data-testid': 'busy' }, h('span', { class: 'spinner' }), st.busy) : null;
  }

  function dataStep(): HTMLElement {
    const c = st.check;
    const box = h('section', { 'data-testid': 'step-data' });
    box.append(h('p', { class: 'muted' }, 'Мастер читает листы «Школы», «Результаты», «Социальные показатели» и «Настройки» и никогда их не изменяет. Результаты записываются на новые листы этого года.'));
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
    if (missing.length) {
      box.append(h('div', { class: 'bar info' },
        `Нет листов: ${missing.map((m) => `«${m.name}»`).join(', ')}. Мастер может добавить их как шаблоны с заголовками, подсказками и проверкой ввода.`,
        h('div', { class: 'actions' }, h('button', { onclick: () => void createTemplates(), disabled: !!st.busy, 'data-testid': 'create-templates' }, 'Создать шаблоны листов'))));
    }
    box.append(importSection());
    const exportBox = exportSection();
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
    if (c.errors > 0) box.append(h('p', { class: 'muted' }, 'Исправьте ошибки в листах и нажмите «Проверить снова»: без этого расчёт невозможен.'));
    return box;
  }

  function problemsBlock(problems: Problem[], errors: number, warnings: number): HTMLElement {
    const box = h('div', { 'data-testid': 'problems' });
    if (!problems.length) {
      box.append(h('div', { class: 'bar success' }, 'Проблем в данных не найдено.'));
      return box;
    }
    box.append(h('h2', null, `Замечания: ${count(errors, 'ошибка', 'ошибки', 'ошибок')}, ${count(warnings, 'предупреждение', 'предупреждения', 'предупреждений')}`));
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
      sources.map((x) => h('option', { value: x.name, selected: x.name === current.name }, `${x.name} (${x.rows} ${plural(x.rows, 'строка', 'строки', 'строк')})`)));
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
      }, sources.map((x) => h('option', { value: x.name, selected: x.name === e.sheet }, `${x.name} (${x.rows} ${plural(x.rows, 'строка', 'строки', 'строк')})`)))),
      h('label', { class: 'field' }, h('span', null, 'Год результатов (если его нет в заголовке выгрузки)'), h('input', {
        type: 'number', min: 1990, max: 2100, placeholder: 'из заголовка', value: e.year, 'data-testid': 'export-year',
        onchange: (ev: Event) => { e.year = (ev.target as HTMLInputElement).value.trim(); changed(); render(); },
      })),
      h('label', { class: 'field' }, h('span', null, 'Сопоставление столбцов (необязательно)'), h('input', {
        type: 'text', value: e.mapping, 'data-testid': 'export-mapping', disabled: e.kind === 'vpr',
        placeholder: e.kind === 'passport' ? 'Обучающихся=C; Код ОО=A' : e.kind === 'vpr' ? 'для ВПР не нужно' : 'Участников=D; Средний балл=Результат; Код ОО=-',
        onchange: (ev: Event) => { e.mapping = (ev.target as HTMLInputElement).value; changed(); render(); },
      }), h('div', { class: 'muted' }, e.kind === 'vpr'
        ? 'Таблица ФИС ОКО распознаётся сама: год, класс и предмет берутся из заголовка, школы — по логину sch… или по наименованию.'
        : 'Поле = буква столбца, его заголовок или «-» (не брать). Нажмите «Проверить», чтобы увидеть, какой столбец куда попадёт.')),
      h('div', { class: 'actions' },
        h('button', { 'data-testid': 'export-preview', disabled: !!st.busy, onclick: () => void runExport(true) }, 'Проверить'),
        h('button', {
          class: 'primary', 'data-testid': 'export-run', disabled: !!st.busy || !previewed || (e.report?.added ?? 0) === 0,
          title: previewed ? null : 'Сначала нажмите «Проверить»', onclick: () => void runExport(false),
        }, 'Импортировать')),
    );
    if (e.report) det.append(exportReport(e.report, e.reportPreview));
    return det;
  }

  function exportKey(): string {
    const e = st.exp;
    return JSON.stringify([e.kind, e.sheet, e.year, e.kind === 'vpr' ? '' : e.mapping.trim()]);
  }

  function loadExportSheets(): void {
    bridge.listSheets().then((list) => { st.exp.sheets = list; render(); }, (err) => { st.error = message(err); render(); });
  }

  function exportReport(r: ExportImportReport, preview: boolean): HTMLElement {
    const target = `«${exportTarget(st.exp.kind)}»`;
    const head = r.failed
      ? h('div', { class: 'bar error', 'data-testid': 'export-summary' }, 'Найдены ошибки: ничего не записано. Исправьте выгрузку или сопоставление столбцов и проверьте снова.')
      : h('div', { class: `bar ${preview ? 'info' : 'success'}`, 'data-testid': 'export-summary' }, preview
        ? `Проверка: будет добавлено строк на лист ${target} — ${r.added}${r.alreadyThere ? `; уже есть в книге — ${r.alreadyThere}` : ''}. Книга не изменена.`
        : `Импорт выполнен: добавлено строк на лист ${target} — ${r.added}${r.alreadyThere ? `; уже были в книге — ${r.alreadyThere}` : ''}.`);
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
        kind: e.kind, sourceSheet: e.sheet!, year, mapping: e.kind === 'vpr' ? undefined : e.mapping.trim() || undefined, preview,
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

  function settingsStep(): HTMLElement {
    const c = st.check!;
    const cfg = st.settings;
    const box = h('section', { 'data-testid': 'step-settings' });
    const numberField = (label: string, key: 'zCritical' | 'bandWidth' | 'minParticipants' | 'minIndicatorParticipants' | 'minLowIndicators' | 'stabilityYears' | 'similarCount' | 'maxPartners', step: string, hint?: string) =>
      h('label', { class: 'field' }, h('span', null, label), h('input', {
        type: 'number', step, value: String(cfg[key]), 'data-setting': key,
        onchange: (e: Event) => { const v = Number((e.target as HTMLInputElement).value.replace(',', '.')); if (Number.isFinite(v)) cfg[key] = v; },
      }), hint ? h('span', { class: 'muted' }, hint) : null);
    const methods: [Method, string][] = [['regional', 'Региональный: группы 1–5 по индексу качества'], ['federal', 'Федеральный: доля не справившихся ≥ порога'], ['both', 'Оба: любой из двух критериев']];
    box.append(
      h('label', { class: 'field' }, h('span', null, 'Год идентификации'),
        h('select', { 'data-setting': 'year', onchange: (e: Event) => { cfg.year = Number((e.target as HTMLSelectElement).value); st.candidates = null; } },
          [...c.years].reverse().map((y) => h('option', { value: String(y), selected: y === cfg.year }, String(y))))),
      h('fieldset', null, h('legend', null, 'Метод отнесения к ШНОР'),
        methods.map(([m, label]) => h('label', { class: 'check' },
          h('input', { type: 'radio', name: 'shw-method', value: m, checked: cfg.method === m, onchange: () => { cfg.method = m; } }), label))),
      h('div', { class: 'grid2' },
        numberField('Уровень значимости, z', 'zCritical', '0.01', '1,96 — 95%'),
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

  // ------------------------------------------------------------ results

  function resultsStep(): HTMLElement {
    const r = st.summary!;
    const box = h('section', { 'data-testid': 'step-results' });
    const byCat = new Map(r.byCategory.map((x) => [x.category, x.count]));
    box.append(
      h('div', { class: 'bar success', 'data-testid': 'done' },
        `Идентификация за ${r.year} год выполнена${r.previousYear ? ` (сравнение с ${r.previousYear} годом)` : ''}. Записаны листы: `,
        r.sheetsWritten.map((name, i) => [i ? ', ' : '', h('button', { class: 'link', onclick: () => { void bridge.selectCell(name, 'A1'); } }, `«${name}»`)]), '.'),
      h('div', { class: 'cards' },
        card(r.schools, 'школ в расчёте', 'count-schools'),
        card(r.lists.shnor.length, 'ШНОР', 'count-shnor'),
        card(r.lists.shfnsu.length, 'ШФНСУ', 'count-shfnsu'),
        card(r.lists.resilient.length, 'резильентных', 'count-resilient')),
      h('h2', null, 'Категории'),
      h('table', { 'data-testid': 'categories' }, h('tbody', null, CATEGORY_ORDER.map((cat) => h('tr', null,
        h('td', null, h('span', { class: 'swatch', style: { background: CATEGORY_COLORS[cat] } }), cat),
        h('td', { class: 'num', 'data-category': cat }, byCat.get(cat) ?? 0))),
        // The rows add up to the schools of the run: those without a category too.
        r.noCategory ? h('tr', null, h('td', { class: 'muted', title: NO_CATEGORY.meaning }, h('span', { class: 'swatch' }), NO_CATEGORY.label),
          h('td', { class: 'num', 'data-category': '' }, r.noCategory)) : '')),
      h('p', { class: 'muted' }, `Низкие результаты по выбранному методу: ${r.lowResults}; по федеральному критерию: ${r.federalLow}.`),
      h('h2', null, 'Индекс качества и ИСБШ'),
      scatter(r.points, r.guides ?? null),
      h('div', { class: 'legend' }, CATEGORY_ORDER.map((cat) => h('span', null, h('span', { class: 'swatch', style: { background: CATEGORY_COLORS[cat] } }), cat))),
      r.guides ? h('p', { class: 'muted' }, 'Пунктир: граница групп ИСБШ 1–4 (слева — неблагоприятные условия) и граница групп качества 1–5 (ниже — низкие результаты); точками — граница групп 7–11.') : '',
      modelBlock(r),
      h('h2', null, 'Свод по муниципалитетам'),
      municipalTable(r),
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
      rows.length > LIST_LIMIT ? h('p', { class: 'muted' }, `Показаны первые ${LIST_LIMIT} из ${rows.length}; полный перечень — на листе «${r.sheetsWritten[3] ?? 'Списки'}».`) : '',
    );
  }

  render();
  void check();
  return {
    refresh: () => { st.step = 'data'; st.notice = null; return check(); },
    unmount: () => {
      alive = false;
      if (st.note) URL.revokeObjectURL(st.note.url);
      root.replaceChildren();
    },
  };
}

function columnName(i: number): string {
  let out = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Scatter of quality index (y) against ИСБШ (x), coloured by category, with the quadrant lines. */
export function scatter(points: WizardRunSummary['points'], guides: QuadrantGuides | null): SVGElement {
  const W = 400, H = 300, L = 40, R = 10, T = 10, B = 34;
  const xs = points.map((p) => p.isbsh);
  const ys = points.map((p) => p.qualityIndex);
  const range = (v: number[], extra: number[]) => {
    const all = [...v, ...extra].filter(Number.isFinite);
    let lo = Math.min(...all), hi = Math.max(...all);
    if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = range(xs.length ? xs : [1], guides ? [guides.isbshLow] : []);
  const [y0, y1] = range(ys.length ? ys : [1], guides ? [guides.qualityLow, guides.qualityHigh] : []);
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const ticks = (lo: number, hi: number) => {
    const step = niceStep((hi - lo) / 5);
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  };
  const svg = s('svg', { class: 'scatter', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Диаграмма рассеяния: индекс качества и ИСБШ', 'data-testid': 'scatter' },
    s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, fill: '#FAFAFA', stroke: '#E0E0E0' }),
    ticks(x0, x1).map((v) => [s('line', { x1: px(v), x2: px(v), y1: H - B, y2: H - B + 4, stroke: '#9E9E9E' }),
      s('text', { x: px(v), y: H - B + 14, 'text-anchor': 'middle' }, fmt(v, 2))]),
    ticks(y0, y1).map((v) => [s('line', { x1: L - 4, x2: L, y1: py(v), y2: py(v), stroke: '#9E9E9E' }),
      s('text', { x: L - 6, y: py(v) + 3, 'text-anchor': 'end' }, fmt(v, 2))]),
    s('text', { x: L + (W - L - R) / 2, y: H - 4, 'text-anchor': 'middle' }, 'ИСБШ (социальное благополучие)'),
    s('text', { x: 10, y: T + (H - T - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${T + (H - T - B) / 2})` }, 'Индекс качества'),
  );
  if (guides) {
    const dash = { stroke: '#616161', 'stroke-dasharray': '4 3', 'stroke-width': 1 };
    svg.append(
      s('line', { ...dash, x1: px(guides.isbshLow), x2: px(guides.isbshLow), y1: T, y2: H - B, 'data-guide': 'isbsh' }),
      s('line', { ...dash, x1: L, x2: W - R, y1: py(guides.qualityLow), y2: py(guides.qualityLow), 'data-guide': 'quality-low' }),
      s('line', { ...dash, x1: L, x2: W - R, y1: py(guides.qualityHigh), y2: py(guides.qualityHigh), 'stroke-dasharray': '1 3' }),
    );
  }
  const order = [...points].sort((a, b) => CATEGORY_ORDER.indexOf(b.category as never) - CATEGORY_ORDER.indexOf(a.category as never));
  const g = s('g', { 'data-testid': 'points' });
  for (const p of order) {
    g.append(s('circle', { cx: px(p.isbsh).toFixed(1), cy: py(p.qualityIndex).toFixed(1), r: 2.6, fill: p.category ? CATEGORY_COLORS[p.category] : '#BDBDBD', stroke: 'rgba(0,0,0,.35)', 'stroke-width': 0.5 },
      s('title', null, `${p.code}: КИ ${fmt(p.qualityIndex, 3)}, ИСБШ ${fmt(p.isbsh, 3)}${p.category ? `, ${p.category}` : ''}`)));
  }
  svg.append(g);
  return svg;
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
}
