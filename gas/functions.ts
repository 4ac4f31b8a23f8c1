/**
 * The custom functions' adapter: Sheets passes a range as rows of cells ("" for a blank, a number,
 * or text such as «4,25»), a single cell as a bare value and an omitted argument as undefined, which
 * the one implementation in shared/custom-functions.ts takes as they are. What is left is errors:
 * a thrown Error shows as #ERROR! with its message in the cell's tooltip. The functions themselves
 * are exposed with their Russian JSDoc in gas/main.ts.
 */
import { FormulaError } from '../shared/custom-functions';

/** Runs a custom function; bad arguments (FormulaError) become a plain Error with the Russian message only. */
export function formula<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof FormulaError) throw new Error(e.message);
    throw e;
  }
}
