/**
 * The identification wizard: data → settings → run → results. One DOM implementation for the
 * Excel task pane, the Google Sheets sidebar and the browser demo; the host is behind a
 * WizardBridge (wizard/bridge.ts). Everything the user reads here is Russian.
 *
 * @example mountWizard(document.getElementById('app')!, new DemoBridge(generateRegion()))
 */
import { DEFAULT_SETTINGS } from '../shared/method/settings';
import { type WizardBridge } from './bridge';
import { h } from './dom';
import { WIZARD_CSS } from './styles';
import { type State, STEPS, type WizardContext, message } from './wizard-context';
import { dataSteps } from './wizard-data';
import { resultsSteps } from './wizard-results';
import { settingsSteps } from './wizard-settings';

export { scatter } from './wizard-scatter';

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
  const ctx: WizardContext = {
    st, bridge, container, render, act,
    busyLine: () => (st.busy ? h('p', { 'data-testid': 'busy' }, h('span', { class: 'spinner' }), st.busy) : null),
    check: () => data.check(),
    problemsBlock: (problems, errors, warnings) => data.problemsBlock(problems, errors, warnings),
  };
  const data = dataSteps(ctx);
  const { dataStep } = data;
  const { settingsStep, runStep } = settingsSteps(ctx);
  const { resultsStep } = resultsSteps(ctx);
  const check = data.check;

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

