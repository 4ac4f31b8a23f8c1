/**
 * The global object of the Apps Script project, as webpack provides it. A function becomes callable
 * from Sheets (a custom function, a menu item, google.script.run) only when a module assigns it
 * literally as `global.NAME = function NAME(…) {…}`: gas-webpack-plugin then writes a top-level
 * `function NAME(…) {}` stub for it, carrying the JSDoc that stands above the assignment.
 */
declare const global: Record<string, unknown>;
