/**
 * The terminal summary: what a person reads in ten seconds.
 */
import type { Identification } from '../shared/method/identify';
import { CATEGORY, CATEGORY_ORDER, NO_CATEGORY, categoryName, fmt, NOUN, counted } from '../shared/messages';
import { describeSettings } from '../shared/method/settings';
import { lastRow, municipalitySummary, noStatusPart } from '../shared/method/summary';

function pValue(p: number): string {
  return p < 0.001 ? 'p < 0,001' : `p = ${fmt(p, 3)}`;
}

export function summaryText(r: Identification): string {
  const lines: string[] = [];
  const n = r.schools.length;
  const grouped = r.schools.filter((s) => s.qualityGroup !== null).length;
  const withIsbsh = r.schools.filter((s) => s.isbsh !== null).length;
  const munis = new Set(r.schools.map((s) => s.municipality)).size;
  lines.push(`ШНОР Монитор — идентификация ${r.year} года`);
  lines.push(`Школ: ${n} в ${counted(munis, NOUN.municipality, 'loc')}; с группой по качеству ${grouped}, с ИСБШ ${withIsbsh}; показателей ${r.indicators.length}`);
  if (r.model) {
    lines.push(`Модель ИСБШ: R² ${fmt(r.model.r2)} (скорр. ${fmt(r.model.adjR2)}), n = ${r.model.n}`);
    const w = Math.max(...r.model.factors.map((f) => f.name.length));
    for (const f of r.model.factors) lines.push(`  ${f.name.padEnd(w)}  b = ${fmt(f.b, 4).padStart(8)}  β = ${fmt(f.beta).padStart(6)}  ${pValue(f.p)}`);
  } else lines.push(`Модель ИСБШ не рассчитана: ${r.modelMessage ?? 'нет данных'}`);
  lines.push('Категории:');
  const total = lastRow(municipalitySummary(r));
  for (const c of CATEGORY_ORDER) lines.push(`  ${categoryName(c).padEnd(20)} ${String(total.byCategory[c]).padStart(5)}`);
  if (total.noCategory) lines.push(`  ${NO_CATEGORY.label.padEnd(20)} ${String(total.noCategory).padStart(5)}  (${NO_CATEGORY.meaning})`);
  const shnor = total.lowResults;
  if (r.previousYear) {
    // The parts add up to the ШНОР: those without a status are named with their reason.
    const parts = [`впервые ${total.newInList}`, `повторно ${total.continuing}`, noStatusPart(r)].filter(Boolean).join(', ');
    lines.push(`Перечень ШНОР: ${shnor} = ${categoryName(CATEGORY.lowResults)} ${total.byCategory[CATEGORY.lowResults]} + ${CATEGORY.both} ${total.byCategory[CATEGORY.both]}; ${parts}; вышли из перечня ${total.leftList}; устойчивые ${total.stable}`);
  } else lines.push(`Перечень ШНОР: ${shnor} = ${categoryName(CATEGORY.lowResults)} ${total.byCategory[CATEGORY.lowResults]} + ${CATEGORY.both} ${total.byCategory[CATEGORY.both]}; прошлого года нет в данных: устойчивость не определена`);
  lines.push(`Перечень ШФНСУ: ${total.byCategory[CATEGORY.lowSocial] + total.byCategory[CATEGORY.both]} = ${categoryName(CATEGORY.lowSocial)} ${total.byCategory[CATEGORY.lowSocial]} + ${CATEGORY.both} ${total.byCategory[CATEGORY.both]}`);
  lines.push(`Федеральный критерий (доля не справившихся не менее ${fmt(r.settings.failShare * 100, 0)}%): ${counted(total.federalLow, NOUN.school)}`);
  const top = municipalitySummary(r).slice(0, -1).filter((m) => m.lowResults > 0).sort((a, b) => b.lowResults / b.schools - a.lowResults / a.schools).slice(0, 3);
  if (top.length) lines.push(`Наибольшая доля ШНОР: ${top.map((m) => `${m.municipality} ${m.lowResults} из ${m.schools}`).join('; ')}`);
  const defaults = describeSettings(r.settings, r, r.indicators).filter((row) => row[2] === 'по умолчанию').map((row) => row[0]);
  if (defaults.length) lines.push(`По умолчанию (нет на листе «Настройки»): ${defaults.map((d) => `«${d}»`).join(', ')}`);
  return lines.join('\n');
}
