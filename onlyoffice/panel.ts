/**
 * The plugin's panel (index.html, loaded by the ONLYOFFICE / Р7-Офис spreadsheet editor next to the
 * editor's own ../v1/plugins.js): mounts the shared wizard over the ONLYOFFICE bridge once the
 * editor calls Asc.plugin.init, and registers the custom functions when the editor is new enough.
 * Opened outside the editor (no Asc.plugin), it says where to go instead.
 */
import { mountWizard } from '../wizard/wizard';
import { type EditorPort, OnlyofficeBridge, localSettingsStore } from './onlyoffice-bridge';
import { registerCustomFunctions } from './register-functions';

interface AscPlugin {
  init?: (data?: unknown) => void;
  button?: (id: number) => void;
  callCommand(fn: () => unknown, isClose: boolean, isCalc: boolean, callback: (result: unknown) => void): void;
  executeMethod(name: string, args: unknown[], callback: (result: unknown) => void): void;
  executeCommand?(command: string, data: string): void;
}

declare global {
  interface Window {
    Asc?: { plugin: AscPlugin; scope: Record<string, unknown> };
    /** The custom-function library's code (functions-library.js, written by the build). */
    SHNOR_FUNCTIONS_LIBRARY?: string;
  }
}

/**
 * Asc.plugin as the bridge's port: one callCommand per command, Asc.scope set just before it. The
 * editor's plugins.js keeps ONE callback for the command in flight (`Asc.plugin.onCallCommandCallback`,
 * replaced by the next call; sdkjs-plugins v1/plugins.js), so calls are queued: the next command or
 * method starts when the previous one has answered.
 */
export function pluginPort(asc: NonNullable<Window['Asc']>): EditorPort {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(start: (done: (value: T) => void) => void): Promise<T> => {
    const next = queue.then(() => new Promise<T>((resolve) => start(resolve)));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    command: (fn, scope) => enqueue((done) => {
      asc.scope = JSON.parse(JSON.stringify(scope));
      asc.plugin.callCommand(fn, false, true, (result) => done(result as never));
    }),
    method: (name, args) => enqueue((done) => asc.plugin.executeMethod(name, args, (result) => done(result as never))),
  };
}

function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

function start(asc: NonNullable<Window['Asc']>): void {
  const port = pluginPort(asc);
  const app = document.getElementById('app') ?? document.body;
  mountWizard(app, new OnlyofficeBridge(port, localSettingsStore(storage())));
  const status = document.getElementById('shnor-functions');
  registerCustomFunctions(port, window.SHNOR_FUNCTIONS_LIBRARY).then((r) => {
    if (status) {
      status.textContent = r.message;
      status.setAttribute('data-registered', String(r.registered));
    }
  }, () => {
    if (status) status.textContent = 'Функции листа не подключены: редактор не ответил.';
  });
}

const asc = window.Asc;
if (asc && asc.plugin) {
  asc.plugin.init = () => start(asc);
  // A panel plugin has no buttons of its own; the editor's close button sends -1.
  asc.plugin.button = () => asc.plugin.executeCommand?.('close', '');
} else {
  const app = document.getElementById('app') ?? document.body;
  app.innerHTML = '<div class="shw-outside" data-testid="outside-editor"><h1>ШНОР Монитор</h1>' +
    '<p>Эта страница — панель плагина для Р7-Офис и ONLYOFFICE. Установите плагин: «Плагины» → «Менеджер плагинов» → «Установить плагин вручную», файл shnor.plugin; затем откройте книгу региона и нажмите «ШНОР Монитор» на вкладке «Плагины».</p></div>';
}
