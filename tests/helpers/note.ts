/** Reading the analytical note's HTML in tests. */
import { CATEGORY_ORDER, type Category, categoryName } from '../../shared/messages';

/** The count the note's table «Категория / Школ / Доля» gives for a category (null when the row is missing). */
export function noteCategoryCount(html: string, category: string): number | null {
  // The table names «ШНОР» and «ШФНСУ» alone «только ШНОР», «только ШФНСУ» (the перечни are their sums).
  const label = CATEGORY_ORDER.includes(category as Category) ? categoryName(category as Category) : category;
  const m = new RegExp(`<td><span class="cat" style="background:[^"]*">${label}</span></td><td class="n">(\\d+)</td>`).exec(html);
  return m ? Number(m[1]) : null;
}
