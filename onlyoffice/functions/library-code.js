/**
 * Writes the custom-function library the plugin registers in the ONLYOFFICE editor (8.1+).
 *
 * The editor keeps a library as code text (executeMethod «GetCustomFunctions» / «SetCustomFunctions»:
 * { macrosArray: [{ guid, name, value }], current }) and evaluates it when a workbook opens; inside,
 * `Api.AddCustomFunction(fn)` registers `fn` under its function name with the JSDoc block that
 * precedes it in the text: `@customfunction` is required, `@param {type} name` and `@returns {type}`
 * with the types number / string / boolean / any and their [][] forms, `[name]` for an optional one
 * (https://api.onlyoffice.com/docs/office-api/usage-api/spreadsheet-api/Api/Methods/AddCustomFunction,
 * https://api.onlyoffice.com/docs/plugin-and-macros/macros/adding-custom-functions/,
 * https://api.onlyoffice.com/docs/plugin-and-macros/interacting-with-editors/methods/spreadsheet-api/api/setcustomfunctions;
 * the AI plugin of ONLYOFFICE/onlyoffice.github.io registers its =AI() the same way).
 *
 * One source for names, parameters and Russian descriptions: the JSDoc of the Excel functions
 * (addin/functions/functions.ts, the same list and texts as the Sheets functions of gas/main.ts),
 * parsed here at build time. The computing code is the engine bundle (onlyoffice/functions/engine.ts
 * → `var ShnorFunctions`), inlined once; each wrapper only calls `ShnorFunctions.call(NAME, args)`.
 */
'use strict';

/** The functions of addin/functions/functions.ts: name, description, params (name, optional, type, text), returns. */
function parseExcelFunctions(source) {
  const out = [];
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*export function \w+\(([^)]*)\)/g;
  let m;
  while ((m = re.exec(source))) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).filter((l) => l !== '');
    const name = (lines.find((l) => l.startsWith('@customfunction')) || '').replace('@customfunction', '').trim();
    if (!name) continue;
    const description = lines.filter((l) => !l.startsWith('@')).join(' ');
    const types = {};
    for (const p of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      const pm = /^(\w+)\??\s*:\s*(.+)$/.exec(p);
      if (pm) types[pm[1]] = /\[\]\[\]/.test(pm[2]) ? 'any[][]' : 'any';
    }
    const params = lines.filter((l) => l.startsWith('@param')).map((l) => {
      const pm = /^@param\s+(\[?)(\w+)\]?\s+(.*)$/.exec(l);
      return { name: pm[2], optional: pm[1] === '[', type: types[pm[2]] || 'any', text: pm[3] };
    });
    const returns = (lines.find((l) => l.startsWith('@returns')) || '@returns').replace('@returns', '').trim();
    out.push({ name, description, params, returns });
  }
  return out;
}

/** A comment-safe line (a JSDoc block must not be closed by the text). */
const safe = (s) => String(s).replace(/\*\//g, '* /');

/** The wrapper of one function: its JSDoc block, the function, its registration. */
function wrapper(f) {
  const doc = [
    '/**',
    ` * ${safe(f.description)}`,
    ' * @customfunction',
    ...f.params.map((p) => ` * @param {${p.type}} ${p.optional ? `[${p.name}]` : p.name} ${safe(p.text)}`),
    ` * @returns {any[][]} ${safe(f.returns)}`,
    ' */',
  ].join('\n');
  const args = f.params.map((p) => p.name).join(', ');
  return `${doc}\nfunction ${f.name}(${args}) {\n  return ShnorFunctions.call(${JSON.stringify(f.name)}, [${args}]);\n}\nApi.AddCustomFunction(${f.name});`;
}

/**
 * The library's code: an IIFE holding the engine bundle (`var ShnorFunctions = …`, comments
 * stripped by the minifier, so the only JSDoc blocks are the wrappers') and the wrappers.
 */
function libraryCode(engineBundle, excelFunctionsSource) {
  const functions = parseExcelFunctions(excelFunctionsSource);
  if (functions.length < 9) throw new Error(`custom functions: expected 9 in addin/functions/functions.ts, found ${functions.length}`);
  const engine = engineBundle.replace(/\/\*[\s\S]*?\*\//g, (c) => (/@customfunction/.test(c) ? '' : c));
  return `(function () {\n${engine}\n${functions.map(wrapper).join('\n\n')}\n})();\n`;
}

module.exports = { parseExcelFunctions, libraryCode };
