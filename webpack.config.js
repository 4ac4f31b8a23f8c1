/**
 * One webpack config builds every spreadsheet surface:
 *   - gas:   the Apps Script project → dist/gas (Code.js, sidebar HTML, appsscript.json)
 *   - addin: the Excel add-in → dist/addin (task pane, custom functions, manifest, assets)
 * The command line is compiled by tsc (tsconfig.node.json), not by webpack.
 * `webpack --config-name gas` builds one of them.
 */
const path = require('path');

const root = __dirname;

/** Apps Script bundle (owned by the Google Sheets work: gas/). */
function gasConfig(env, argv) {
  const GasPlugin = require('gas-webpack-plugin');
  const CopyPlugin = require('copy-webpack-plugin');
  return {
    name: 'gas',
    mode: argv.mode || 'production',
    context: root,
    entry: { Code: './gas/main.ts' },
    output: { path: path.join(root, 'dist/gas'), filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }] },
    optimization: { concatenateModules: false },
    plugins: [
      new GasPlugin({ autoGlobalExportsFiles: [] }),
      new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: 'appsscript.json' }] }),
    ],
  };
}

/** Excel add-in bundle (owned by the Excel work: addin/). */
function addinConfig(env, argv) {
  return {
    name: 'addin',
    mode: argv.mode || 'production',
    context: root,
    entry: { taskpane: './addin/taskpane/taskpane.ts' },
    output: { path: path.join(root, 'dist/addin'), filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }] },
  };
}

module.exports = (env = {}, argv = {}) => [gasConfig(env, argv), addinConfig(env, argv)];
