/**
 * Menu commands that insert the roadmap and indicator templates into the spreadsheet. They carry the
 * seed texts (about 100 KiB), so they run in the feature bundle (gas/features/index.ts →
 * Features.html, loaded on demand); gas/main.ts exposes them as
 * `global.shnorTemplate… = function … { features().template(kind); }` and builds the menu from
 * TEMPLATES_MENU (gas/reporting/menus.ts).
 */
import type { TemplateKind } from '../../shared/roadmap/templates';
import { alert, command } from '../menu';
import { appsScriptEnv } from './env';
import { insertTemplate } from './templates';

export function menuTemplate(kind: TemplateKind): void {
  command('Шаблоны дорожных карт и показателей', () => {
    const r = insertTemplate(appsScriptEnv(), kind);
    alert('Шаблоны дорожных карт и показателей', r.message);
  });
}
