/**
 * Registers the custom functions (=QUALITY_INDEX() and the rest) in the editor, once per plugin
 * version: the editor's own list of custom-function libraries (executeMethod «GetCustomFunctions»,
 * a JSON text { macrosArray: [{ guid, name, value }], current }) gets our library under a fixed guid,
 * then «SetCustomFunctions» saves it (ONLYOFFICE 8.1+, Р7-Офис builds on that engine:
 * https://api.onlyoffice.com/docs/plugin-and-macros/interacting-with-editors/methods/spreadsheet-api/api/setcustomfunctions,
 * https://api.onlyoffice.com/docs/plugin-and-macros/interacting-with-editors/methods/common-api/api → GetVersion).
 * An older editor has neither method: the panel says so in Russian and the wizard works without them.
 */
import type { EditorPort } from './onlyoffice-bridge';

/** The first editor version with custom functions. */
export const CUSTOM_FUNCTIONS_SINCE = [8, 1] as const;

export const LIBRARY_GUID = 'shnor-monitor-custom-functions';
export const LIBRARY_NAME = 'ШНОР Монитор';

export interface RegisterReport {
  registered: boolean;
  /** Russian line for the panel. */
  message: string;
}

/** «8.2.1» → [8, 2]; null when it is not a version (an old editor answers undefined). */
export function parseVersion(v: unknown): [number, number] | null {
  const m = /^\s*(\d+)\.(\d+)/.exec(typeof v === 'string' ? v : '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const TOO_OLD = (v: string) => `Функции листа ШНОР Монитора (=QUALITY_INDEX(), =ISBSH(), =NOR_GROUP() и другие) работают в редакторе версии ${CUSTOM_FUNCTIONS_SINCE.join('.')} и новее; ${v}. Мастер идентификации работает и без них.`;

export async function registerCustomFunctions(editor: EditorPort, code: string | undefined): Promise<RegisterReport> {
  if (!code) return { registered: false, message: 'Функции листа не собраны в этом пакете плагина.' };
  const raw = await editor.method<unknown>('GetVersion', []);
  const version = parseVersion(raw);
  const [major, minor] = CUSTOM_FUNCTIONS_SINCE;
  if (!version || version[0] < major || (version[0] === major && version[1] < minor)) {
    return { registered: false, message: TOO_OLD(version ? `у вас — ${version.join('.')}` : 'версию вашего редактора определить не удалось') };
  }
  let store: { macrosArray: { guid: string; name: string; value: string }[]; current: number } = { macrosArray: [], current: -1 };
  const listed = await editor.method<unknown>('GetCustomFunctions', []);
  if (typeof listed === 'string' && listed) {
    try {
      const parsed = JSON.parse(listed);
      if (parsed && Array.isArray(parsed.macrosArray)) store = { macrosArray: parsed.macrosArray, current: typeof parsed.current === 'number' ? parsed.current : -1 };
    } catch { /* a broken list is replaced by ours */ }
  }
  const mine = store.macrosArray.find((m) => m && m.guid === LIBRARY_GUID);
  if (mine && mine.value === code) return { registered: true, message: 'Функции листа ШНОР Монитора подключены: =QUALITY_INDEX(), =ISBSH(), =NOR_GROUP() и другие.' };
  if (mine) mine.value = code;
  else store.macrosArray.push({ guid: LIBRARY_GUID, name: LIBRARY_NAME, value: code });
  await editor.method('SetCustomFunctions', [JSON.stringify(store)]);
  return { registered: true, message: 'Функции листа ШНОР Монитора подключены: =QUALITY_INDEX(), =ISBSH(), =NOR_GROUP() и другие.' };
}
