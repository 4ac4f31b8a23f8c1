/**
 * One webpack config builds every spreadsheet surface:
 *   - gas:   the Apps Script project → dist/gas (Code.js, sidebar HTML, appsscript.json)
 *   - addin: the Excel add-in → dist/addin (task pane, custom functions, manifest, assets)
 *   - onlyoffice: the ONLYOFFICE / Р7-Офис plugin → dist/onlyoffice ({GUID}/ folder and shnor.plugin)
 *   - offline: the offline page → dist/shnor.html (one self-contained file, everything inlined)
 * The command line is compiled by tsc (tsconfig.node.json), not by webpack.
 * `webpack --config-name gas` builds one of them.
 */
const path = require('path');

const root = __dirname;

/** Apps Script bundle (owned by the Google Sheets work: gas/). */
function gasConfig(env, argv) {
  const GasPlugin = require('gas-webpack-plugin');
  const CopyPlugin = require('copy-webpack-plugin');
  const HtmlPlugin = require('html-webpack-plugin');
  const TerserPlugin = require('terser-webpack-plugin');
  const SIDEBAR = 'Sidebar';
  const FEATURES = 'Features';

  /**
   * The feature bundle (gas/features/index.ts) is one script assigning `var ShnorFeatures`; it is
   * pushed as Features.html (Apps Script loads .gs files on every custom function call, HTML files
   * only on request) and evaluated by gas/features-loader.ts. Renamed after minification.
   */
  class FeaturesAsHtmlPlugin {
    apply(compiler) {
      const { Compilation } = compiler.webpack;
      compiler.hooks.thisCompilation.tap('FeaturesAsHtmlPlugin', (compilation) => {
        compilation.hooks.processAssets.tap({ name: 'FeaturesAsHtmlPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT - 1 }, () => {
          compilation.renameAsset(`${FEATURES}.js`, `${FEATURES}.html`);
        });
      });
    }
  }

  /**
   * Apps Script serves an HTML file, not a folder of assets: the sidebar's script is inlined into
   * Sidebar.html and its .js asset dropped (clasp would push it as server code otherwise).
   */
  class InlineSidebarPlugin {
    apply(compiler) {
      compiler.hooks.compilation.tap('InlineSidebarPlugin', (compilation) => {
        HtmlPlugin.getCompilationHooks(compilation).alterAssetTagGroups.tap('InlineSidebarPlugin', (data) => {
          const inline = (tags) => tags.map((tag) => {
            const src = tag.tagName === 'script' && tag.attributes && tag.attributes.src;
            if (!src) return tag;
            const file = decodeURIComponent(src.replace(/^.*\//, ''));
            const code = compilation.assets[file].source().toString().replace(/<\/(script)/gi, '<\\/$1');
            compilation.deleteAsset(file);
            return { tagName: 'script', voidTag: false, meta: tag.meta, attributes: {}, innerHTML: code };
          });
          data.headTags = inline(data.headTags);
          data.bodyTags = inline(data.bodyTags);
          return data;
        });
      });
    }
  }

  return {
    name: 'gas',
    mode: argv.mode || 'production',
    context: root,
    // Code: the server (one global scope in Apps Script); Sidebar: the wizard page, inlined below;
    // Features: the lazily loaded feature bundle (one global, ShnorFeatures; no Apps Script stubs).
    entry: {
      Code: './gas/main.ts',
      [SIDEBAR]: './gas/sidebar/index.ts',
      [FEATURES]: { import: './gas/features/index.ts', library: { type: 'var', name: 'ShnorFeatures' } },
    },
    output: { path: path.join(root, 'dist/gas'), filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: false,
    module: {
      rules: [
        { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        // The engine and the wizard's core are pure modules: what a bundle does not call is dropped
        // whole (wizard/core.ts also serves the feature bundle; without this its note, template and
        // import helpers would pull their modules' top-level tables into Code.js).
        { test: /[\\/](shared|wizard)[\\/].*\.ts$/, sideEffects: false },
      ],
    },
    resolve: { extensions: ['.ts', '.js'] },
    optimization: {
      // Every `global.X = function` is in the entry (gas/main.ts), so concatenation keeps the stubs.
      concatenateModules: true,
      minimizer: [new TerserPlugin({
        extractComments: false,
        // Keep the JSDoc of the top-level stubs: Sheets shows it while a custom function is typed.
        terserOptions: {
          ecma: 2020,
          compress: { passes: 3, ecma: 2020 },
          format: { comments: (node, comment) => /@customfunction/.test(comment.value) && node && node.TYPE === 'Defun' },
        },
      })],
    },
    performance: { hints: false },
    plugins: [
      new GasPlugin({ autoGlobalExportsFiles: [], include: ['gas/main.ts'] }),
      new HtmlPlugin({
        filename: `${SIDEBAR}.html`, template: './gas/sidebar/sidebar.html', chunks: [SIDEBAR], inject: 'body', scriptLoading: 'blocking', minify: false,
      }),
      new InlineSidebarPlugin(),
      new FeaturesAsHtmlPlugin(),
      new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: 'appsscript.json' }, { from: 'gas/help.html', to: 'Help.html' }] }),
    ],
  };
}

/** Excel add-in bundle (owned by the Excel work: addin/). */
const ADDIN_DEV_URL = 'https://localhost:3000/';

/**
 * HTTPS for the dev server: the certificates of office-addin-dev-certs (`npm run certs` installs
 * them once, trusted by Office) when present, else webpack-dev-server's own self-signed one.
 */
function addinHttps() {
  const fs = require('fs');
  const dir = path.join(require('os').homedir(), '.office-addin-dev-certs');
  const file = (name) => path.join(dir, name);
  if (['localhost.key', 'localhost.crt', 'ca.crt'].every((n) => fs.existsSync(file(n)))) {
    return { type: 'https', options: { key: fs.readFileSync(file('localhost.key')), cert: fs.readFileSync(file('localhost.crt')), ca: fs.readFileSync(file('ca.crt')) } };
  }
  return { type: 'https' };
}

function addinConfig(env, argv) {
  const HtmlPlugin = require('html-webpack-plugin');
  const CopyPlugin = require('copy-webpack-plugin');
  const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
  // The one place to change the hosting URL for production: ADDIN_URL=https://host/path/ npm run build.
  const hostUrl = (process.env.ADDIN_URL || ADDIN_DEV_URL).replace(/\/?$/, '/');
  const functionsInput = path.join(root, 'addin/functions/functions.ts');
  return {
    name: 'addin',
    mode: argv.mode || 'production',
    context: root,
    entry: {
      taskpane: './addin/taskpane/taskpane.ts',
      functions: './addin/functions/functions.ts',
      demo: './addin/demo/demo.ts',
    },
    output: { path: path.join(root, 'dist/addin'), filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }] },
    performance: { maxAssetSize: 600000, maxEntrypointSize: 600000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: functionsInput }),
      new HtmlPlugin({ filename: 'taskpane.html', template: './addin/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlPlugin({ filename: 'demo.html', template: './addin/demo/demo.html', chunks: ['demo'] }),
      new CopyPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          { from: 'addin/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().split(ADDIN_DEV_URL).join(hostUrl)
              .split(`<AppDomain>${ADDIN_DEV_URL.slice(0, -1)}</AppDomain>`).join(`<AppDomain>${new URL(hostUrl).origin}</AppDomain>`),
          },
        ],
      }),
    ],
    devServer: {
      port: Number(process.env.ADDIN_PORT || 3000),
      server: env.http ? 'http' : addinHttps(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
    },
  };
}

/**
 * ONLYOFFICE / Р7-Офис spreadsheet plugin (owned by the ONLYOFFICE work: onlyoffice/) → the plugin
 * folder dist/onlyoffice/{GUID}/ (for a folder copy) and dist/onlyoffice/shnor.plugin (the same
 * files zipped, config.json at the root, for «Установить плагин вручную»). index.html loads the
 * editor's ../v1/plugins.js, which ships with the editor and is not part of the build.
 * The custom-function library: the engine bundle (onlyoffice/functions/engine.ts as
 * `var ShnorFunctions`) wrapped with the JSDoc-carrying functions by onlyoffice/functions/library-code.js
 * into functions-library.js (`window.SHNOR_FUNCTIONS_LIBRARY = "…code…"`).
 */
function onlyofficeConfig(env, argv) {
  const fs = require('fs');
  const HtmlPlugin = require('html-webpack-plugin');
  const CopyPlugin = require('copy-webpack-plugin');
  const JSZip = require('jszip');
  const { libraryCode } = require('./onlyoffice/functions/library-code');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'onlyoffice/config.json'), 'utf8'));
  const folder = path.join(root, 'dist/onlyoffice', config.guid.replace(/^asc\./, ''));
  const ENGINE = 'functions-engine';

  class FunctionsLibraryPlugin {
    apply(compiler) {
      const { Compilation, sources } = compiler.webpack;
      compiler.hooks.thisCompilation.tap('FunctionsLibraryPlugin', (compilation) => {
        compilation.hooks.processAssets.tap({ name: 'FunctionsLibraryPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT - 1 }, () => {
          const engine = compilation.assets[`${ENGINE}.js`].source().toString();
          const code = libraryCode(engine, fs.readFileSync(path.join(root, 'addin/functions/functions.ts'), 'utf8'));
          compilation.deleteAsset(`${ENGINE}.js`);
          compilation.emitAsset('functions-library.js', new sources.RawSource(`window.SHNOR_FUNCTIONS_LIBRARY = ${JSON.stringify(code).replace(/<\/(script)/gi, '<\\/$1')};\n`));
        });
      });
    }
  }

  /** Zips the emitted plugin folder into dist/onlyoffice/shnor.plugin (config.json at the root). */
  class PluginZipPlugin {
    apply(compiler) {
      compiler.hooks.afterEmit.tapPromise('PluginZipPlugin', async () => {
        const zip = new JSZip();
        const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
        for (const file of walk(folder).sort()) zip.file(path.relative(folder, file).split(path.sep).join('/'), fs.readFileSync(file));
        const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
        fs.writeFileSync(path.join(root, 'dist/onlyoffice/shnor.plugin'), data);
      });
    }
  }

  return {
    name: 'onlyoffice',
    mode: argv.mode || 'production',
    context: root,
    entry: {
      panel: './onlyoffice/panel.ts',
      [ENGINE]: { import: './onlyoffice/functions/engine.ts', library: { type: 'var', name: 'ShnorFunctions' } },
    },
    output: { path: folder, filename: '[name].js', clean: true },
    target: ['web', 'es2019'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        { test: /[\\/](shared|wizard)[\\/].*\.ts$/, sideEffects: false },
      ],
    },
    performance: { maxAssetSize: 900000, maxEntrypointSize: 900000 },
    plugins: [
      new HtmlPlugin({ filename: 'index.html', template: './onlyoffice/index.html', chunks: ['panel'], inject: 'body', scriptLoading: 'blocking', minify: false }),
      new FunctionsLibraryPlugin(),
      new CopyPlugin({
        patterns: [
          { from: 'onlyoffice/config.json', to: 'config.json' },
          { from: 'onlyoffice/resources/**/*.png', to: ({ absoluteFilename }) => path.relative(path.join(root, 'onlyoffice'), absoluteFilename) },
        ],
      }),
      new PluginZipPlugin(),
    ],
  };
}

/**
 * The offline page (owned by the offline work: offline/): one HTML file, dist/shnor.html, that an
 * official opens from a USB stick. The script is inlined into the page and its .js asset dropped,
 * so dist/ gets only shnor.html (dist/ is not cleaned: the other builds live there).
 */
function offlineConfig(env, argv) {
  const HtmlPlugin = require('html-webpack-plugin');
  const TerserPlugin = require('terser-webpack-plugin');
  class InlineOfflinePlugin {
    apply(compiler) {
      compiler.hooks.compilation.tap('InlineOfflinePlugin', (compilation) => {
        HtmlPlugin.getCompilationHooks(compilation).alterAssetTagGroups.tap('InlineOfflinePlugin', (data) => {
          const inline = (tags) => tags.map((tag) => {
            const src = tag.tagName === 'script' && tag.attributes && tag.attributes.src;
            if (!src) return tag;
            const file = decodeURIComponent(src.replace(/^.*\//, ''));
            // «</script» and «<!--» would end or confuse the inline script in HTML.
            const code = compilation.assets[file].source().toString().replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
            compilation.deleteAsset(file);
            return { tagName: 'script', voidTag: false, meta: tag.meta, attributes: {}, innerHTML: code };
          });
          data.headTags = inline(data.headTags);
          data.bodyTags = inline(data.bodyTags);
          return data;
        });
      });
    }
  }
  return {
    name: 'offline',
    mode: argv.mode || 'production',
    context: root,
    entry: { 'shnor-offline': './offline/page.ts' },
    output: { path: path.join(root, 'dist'), filename: '[name].js', clean: false },
    target: ['web', 'es2019'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      // exceljs's browser build (package.json "browser") is already a minified bundle.
      noParse: /exceljs[\\/]dist[\\/]/,
      rules: [
        { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        { test: /[\\/](shared|wizard|formats)[\\/].*\.ts$/, sideEffects: false },
      ],
    },
    optimization: { minimizer: [new TerserPlugin({ extractComments: false })] },
    performance: { hints: false },
    plugins: [
      new HtmlPlugin({ filename: 'shnor.html', template: './offline/shnor.html', chunks: ['shnor-offline'], inject: 'body', scriptLoading: 'blocking', minify: false }),
      new InlineOfflinePlugin(),
    ],
  };
}

module.exports = (env = {}, argv = {}) => [gasConfig(env, argv), addinConfig(env, argv), onlyofficeConfig(env, argv), offlineConfig(env, argv)];
