/**
 * The wizard's bridge in the Google Sheets sidebar: every method is one google.script.run call to
 * a server function of gas/wizard-server.ts (all arguments and results are plain JSON). A run's
 * progress is polled with a second call while the run is under way.
 */
import type { Settings } from '../../shared/method/settings';
import type {
  DataCheck, ExportImportReport, ExportImportRequest, FactorCandidate, HtmlFile, ImportReport, ImportRequest, ProgrammeTemplateKind,
  RunProgress, SheetPreview, TemplateReport, WizardBridge,
} from '../../wizard/bridge';
import type { WizardRunSummary } from '../../wizard/core';
import type { Progress } from '../progress';

/** google.script.run as the HtmlService sandbox provides it (no types ship for the client side). */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [serverFunction: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

/** How often a running identification asks for its progress. */
export const PROGRESS_POLL_MS = 1000;

/** Server errors arrive as «Error: …» or «Exception: …»: the user sees the Russian message only. */
export function cleanMessage(message: string | undefined): string {
  return (message ?? 'Неизвестная ошибка').replace(/^(Error|Exception|ScriptError|TypeError):\s*/, '');
}

export class GasBridge implements WizardBridge {
  readonly host = 'sheets' as const;

  constructor(private readonly run0: () => ScriptRun = () => google.script.run, private readonly pollMs = PROGRESS_POLL_MS) {}

  /** Calls a server function and resolves with what it returns. */
  call<T>(name: string, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const runner = this.run0()
        .withSuccessHandler((v) => resolve(v as T))
        .withFailureHandler((e) => reject(new Error(cleanMessage(e && e.message))));
      const fn = runner[name];
      if (typeof fn !== 'function') {
        reject(new Error(`Нет функции ${name} в проекте Apps Script: обновите проект (npm run push:gas)`));
        return;
      }
      (fn as (...a: unknown[]) => void).apply(runner, args);
    });
  }

  checkData(): Promise<DataCheck> {
    return this.call('shnorWizardCheckData');
  }

  createTemplates(): Promise<TemplateReport> {
    return this.call('shnorWizardCreateTemplates');
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.call('shnorWizardSelectCell', sheet, cell);
  }

  listSheets(): Promise<SheetPreview[]> {
    return this.call('shnorWizardListSheets');
  }

  importResults(request: ImportRequest): Promise<ImportReport> {
    return this.call('shnorWizardImportResults', request);
  }

  async loadSettings(): Promise<Partial<Settings>> {
    return (await this.call<Partial<Settings> | null>('shnorWizardLoadSettings')) ?? {};
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    await this.call('shnorWizardSaveSettings', settings);
  }

  candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]> {
    return this.call('shnorWizardCandidateFactors', settings);
  }

  async run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<WizardRunSummary> {
    const token = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let last = 0;
    let done = false;
    const show = (p: RunProgress) => {
      if (done || !onProgress || p.fraction < last) return;
      last = p.fraction;
      onProgress(p);
    };
    show({ fraction: 0.02, message: 'Запуск…' });
    const poll = onProgress ? setInterval(() => {
      this.call<Progress | null>('shnorWizardProgress', token)
        .then((p) => { if (p && p.token === token) show({ fraction: p.done, message: p.step }); })
        .catch(() => undefined);
    }, this.pollMs) : null;
    try {
      const summary = await this.call<WizardRunSummary>('shnorWizardRun', settings, token);
      show({ fraction: 1, message: 'Готово' });
      return summary;
    } finally {
      done = true;
      if (poll !== null) clearInterval(poll);
    }
  }

  // ---------------------------------------------------------------- after the identification
  // Served by the feature bundle (Features.html), which the server loads on the first such call.

  analyticalNote(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile> {
    return this.call('shnorWizardAnalyticalNote', settings, options);
  }

  insertProgrammeTemplate(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): Promise<TemplateReport> {
    return this.call('shnorWizardInsertProgrammeTemplate', kind, settings, options && options.start !== undefined ? { start: options.start } : {});
  }

  importExport(request: ExportImportRequest): Promise<ExportImportReport> {
    return this.call('shnorWizardImportExport', request);
  }
}
