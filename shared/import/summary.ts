/**
 * An import in words: what was recognised, how many rows were matched and how, every row that was
 * not (with the reason), what was skipped, and every problem. The command line prints it; a wizard
 * shows the same lines.
 */
import { NOUN, counted } from '../messages';
import type { AppendPlan } from './append';
import type { ImportResult } from './common';

const rowsWord = (n: number) => counted(n, NOUN.row);

export function importSummary(result: ImportResult, plan?: AppendPlan | null): string[] {
  const lines: string[] = [...result.notes];
  const matched = result.matchedByCode + result.matchedByName;
  lines.push(`Сопоставлено со «Школами»: ${rowsWord(matched)} (по коду — ${result.matchedByCode}, по наименованию в муниципалитете — ${result.matchedByName}).`);
  if (result.unmatched.length) {
    const amb = result.unmatched.filter((u) => u.reason === 'ambiguous').length;
    const one = result.unmatched.length === 1;
    lines.push(`Не сопоставлено: ${rowsWord(result.unmatched.length)}${amb ? ` (из них неоднозначно — ${amb})` : ''}; ${one ? 'она не импортирована' : 'они не импортированы'}:`);
    for (const u of result.unmatched) lines.push(`  ${u.message}`);
  }
  if (result.skipped.length) {
    const byReason = new Map<string, number>();
    for (const s of result.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    lines.push(`Пропущены строки, которые не относятся к школам: ${[...byReason].map(([r, n]) => `${r} — ${n}`).join('; ')}.`);
  }
  if (plan) {
    if (plan.create) lines.push(`Лист «${plan.sheet}» будет создан.`);
    if (plan.added.length) lines.push(`На лист «${plan.sheet}» добавлены столбцы: ${plan.added.map((a) => `«${a.title}»`).join(', ')}.`);
    const updated = plan.updates.length ? `, ${result.fillExisting ? 'дополнить' : 'заменить'} ${rowsWord(plan.updates.length)}${result.fillExisting ? ' (строки той же школы, года и показателя, например из «Статистики по отметкам»)' : ''}` : '';
    const same = plan.unchanged ? `, уже записаны те же значения — ${plan.unchanged}` : '';
    lines.push(`На лист «${plan.sheet}»: добавить ${rowsWord(plan.append.length)}${updated}${same}${plan.duplicates.length ? `, уже есть в книге — ${plan.duplicates.length}` : ''}.`);
  }
  return lines;
}
