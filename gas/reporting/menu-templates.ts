/**
 * Menu commands that insert the roadmap and indicator templates into the spreadsheet, for gas/main.ts
 * to expose as globals (TEMPLATES_MENU lists the captions and the global names), e.g.
 *   global.shnorTemplateRegionalRoadmap = function shnorTemplateRegionalRoadmap() { menuTemplate('regional-roadmap'); };
 * They carry the seed texts (about 100 KiB of the bundle); without them, a Sheets user imports the
 * .xlsx that `shnor template` writes (File → Import → Insert new sheets keeps validation and formulas).
 */
import type { TemplateKind } from '../../shared/roadmap/templates';
import { alert, command, type MenuItem } from '../menu';
import { appsScriptEnv } from './env';
import { insertTemplate } from './templates';

export const TEMPLATES_MENU: MenuItem[] = [
  { caption: 'Шаблон: региональная дорожная карта', functionName: 'shnorTemplateRegionalRoadmap' },
  { caption: 'Шаблон: дорожная карта программы', functionName: 'shnorTemplateProgrammeRoadmap' },
  { caption: 'Шаблон: муниципальная программа', functionName: 'shnorTemplateMunicipalProgramme' },
  { caption: 'Шаблон: дорожные карты ШНОР', functionName: 'shnorTemplateSchoolRoadmaps' },
  { caption: 'Шаблон: целевые показатели', functionName: 'shnorTemplateTargetIndicators' },
];

export function menuTemplate(kind: TemplateKind): void {
  command('Шаблоны дорожных карт и показателей', () => {
    const r = insertTemplate(appsScriptEnv(), kind);
    alert('Шаблоны дорожных карт и показателей', r.message);
  });
}
