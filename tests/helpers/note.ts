/** Reading the analytical note's HTML in tests. */

/** The count the note's table «Категория / Школ / Доля» gives for a category (null when the row is missing). */
export function noteCategoryCount(html: string, category: string): number | null {
  const m = new RegExp(`<td><span class="cat" style="background:[^"]*">${category}</span></td><td class="n">(\\d+)</td>`).exec(html);
  return m ? Number(m[1]) : null;
}
