/**
 * Menu commands of municipal reporting, for gas/main.ts to expose as globals (REPORTS_MENU lists
 * the captions and the global names):
 *   global.shnorReportsCreate = function shnorReportsCreate() { menuCreateReports(); };
 *   global.shnorReportsSubmit = function shnorReportsSubmit() { menuSubmitReport(); };
 *   global.shnorReportsCollect = function shnorReportsCollect() { menuCollectReports(); };
 */
import { alert, command, type MenuItem } from '../menu';
import { appsScriptEnv } from './env';
import { collectReports, createReports, submitReport } from './reports';

export const REPORTS_MENU: MenuItem[] = [
  { caption: 'Создать листы отчётов муниципалитетов', functionName: 'shnorReportsCreate' },
  { caption: 'Сдать отчёт за квартал', functionName: 'shnorReportsSubmit' },
  { caption: 'Сбор отчётов', functionName: 'shnorReportsCollect' },
];

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
