/**
 * Captions and global names of the reporting and template menu items, apart from the commands
 * themselves: gas/main.ts builds the menu from these in Code.js, while the commands live in the
 * feature bundle (Features.html, loaded on demand).
 */
import type { MenuItem } from '../menu';

export const REPORTS_MENU: MenuItem[] = [
  { caption: 'Создать листы отчётов муниципалитетов', functionName: 'shnorReportsCreate' },
  { caption: 'Сдать отчёт за квартал', functionName: 'shnorReportsSubmit' },
  { caption: 'Сбор отчётов', functionName: 'shnorReportsCollect' },
];

export const TEMPLATES_MENU: MenuItem[] = [
  { caption: 'Шаблон: региональная дорожная карта', functionName: 'shnorTemplateRegionalRoadmap' },
  { caption: 'Шаблон: дорожная карта программы', functionName: 'shnorTemplateProgrammeRoadmap' },
  { caption: 'Шаблон: муниципальная программа', functionName: 'shnorTemplateMunicipalProgramme' },
  { caption: 'Шаблон: дорожные карты ШНОР', functionName: 'shnorTemplateSchoolRoadmaps' },
  { caption: 'Шаблон: целевые показатели', functionName: 'shnorTemplateTargetIndicators' },
];

