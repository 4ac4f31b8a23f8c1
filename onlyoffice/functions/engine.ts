/**
 * The engine side of the custom functions (=QUALITY_INDEX(), =ISBSH(), =NOR_GROUP() …) in the
 * ONLYOFFICE editor: the one implementation in shared/custom-functions.ts, as the Sheets and
 * Excel wrappers call it. Bundled by webpack as `var ShnorFunctions` into the custom-function
 * library (onlyoffice/functions/library-code.js writes the JSDoc-carrying wrappers around it).
 *
 * The editor passes a range as rows of cells, one cell as a bare value, an omitted optional
 * argument as undefined or null. A FormulaError (bad arguments) becomes its Russian message in
 * the cell: the editor has no tooltip for a custom function's error.
 */
import {
  FormulaError, isbshColumn, isbshGroupColumn, isbshModelTable, lowResultsColumn, norGroupColumn, qualityIndexColumn, qualitySEColumn,
  schoolCategoryColumn, valueAddedColumn,
} from '../../shared/custom-functions';
import type { Cell } from '../../shared/types';

type Arg = Cell[][] | Cell | undefined;
type Fn = (...args: Arg[]) => (string | number | boolean)[][];

/** Every function, by the name the user types (the same names as in Sheets and Excel). */
export const FUNCTIONS: Record<string, Fn> = {
  QUALITY_INDEX: (means) => qualityIndexColumn(means as Cell[][]),
  QUALITY_SE: (means, participants, sds) => qualitySEColumn(means as Cell[][], participants as Cell[][], sds as Cell[][] | undefined),
  NOR_GROUP: (qi, se) => norGroupColumn(qi as Cell[][], se as Cell[][] | undefined),
  ISBSH: (qi, factors) => isbshColumn(qi as Cell[][], factors as Cell[][]),
  ISBSH_GROUP: (isbsh) => isbshGroupColumn(isbsh as Cell[][]),
  VALUE_ADDED: (qi, factors) => valueAddedColumn(qi as Cell[][], factors as Cell[][]),
  ISBSH_MODEL: (qi, factors, names) => isbshModelTable(qi as Cell[][], factors as Cell[][], names as Cell[][] | undefined),
  LOW_RESULTS: (fails, participants, threshold, minN) => lowResultsColumn(fails as Cell[][], participants as Cell[][], threshold as Cell, minN as Cell),
  SCHOOL_CATEGORY: (norGroup, isbshGroup) => schoolCategoryColumn(norGroup as Cell[][], isbshGroup as Cell[][]),
};

/** Calls a function by name with the editor's arguments (null → omitted). */
export function call(name: string, args: unknown[]): (string | number | boolean)[][] {
  const fn = FUNCTIONS[name];
  if (!fn) return [[`Нет функции ${name}`]];
  try {
    return fn(...args.map((a) => (a === null ? undefined : (a as Arg))));
  } catch (e) {
    if (e instanceof FormulaError) return [[e.message]];
    throw e;
  }
}
