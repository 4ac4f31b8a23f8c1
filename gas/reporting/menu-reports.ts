/**
 * Menu commands of municipal reporting. They run in the feature bundle (gas/features/index.ts →
 * Features.html); gas/main.ts exposes them as `global.shnorReports… = function … { features().reports…(); }`
 * and builds the menu from REPORTS_MENU (gas/reporting/menus.ts, captions and global names only).
 */
import { alert, command } from '../menu';
import { appsScriptEnv } from './env';
import { collectReports, createReports, submitReport } from './reports';

const TITLE = 'Отчёты муниципалитетов';

function show(result: { ok: boolean; message: string }): void {
  alert(TITLE, result.message);
}

export function menuCreateReports(): void {
  command(TITLE, () => show(createReports(appsScriptEnv())));
}

export function menuSubmitReport(): void {
  command(TITLE, () => {
    const env = appsScriptEnv();
    show(submitReport(env, env.ss.getActiveSheet()));
  });
}

export function menuCollectReports(): void {
  command(TITLE, () => show(collectReports(appsScriptEnv())));
}
