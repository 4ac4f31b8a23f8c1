/**
 * An .ods read from its bytes (a file a browser page was handed): the zip's directory read from the
 * bytes, content.xml's declared and real size held to the limits of cli/xlsx-stream.ts, inflated
 * by the platform's DecompressionStream('deflate-raw') chunk by chunk into the same content.xml
 * reader the command line uses (cli/ods-content.ts). Pure: no Node API (Node 18+ and browsers
 * have DecompressionStream and TextDecoder).
 *
 * For the offline page's WorkbookReader (formats/region-files.ts on its branch):
 *   { extensions: ['.ods'], title: 'таблица OpenDocument (.ods)', read: async (bytes) => ({ sheets: (await readOdsBytes(bytes)).sheets }) }
 */
import { type BookSheet, CORRUPT_ODS, OdsContentReader, type SheetReadOptions } from './ods-content';
import { XlsxReadError } from './xml-tokens';

/** The same limits as cli/xlsx-stream.ts PART_LIMIT_BYTES (one part of a book may inflate to at most 1 GiB). */
export const ODS_PART_LIMIT_BYTES = 1024 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const gib = (bytes: number) => `${(bytes / 1024 / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} ГБ`;

function bomb(what: string): XlsxReadError {
  return new XlsxReadError(`Часть таблицы «content.xml» ${what}, а предел — ${gib(ODS_PART_LIMIT_BYTES)} на одну часть книги. ` +
    'Так бывает с повреждёнными или намеренно «раздутыми» файлами (zip-бомба); книга не прочитана.');
}

/** The zip's central directory from the bytes (ZIP64 sizes are not needed for a part under the limit). */
function directory(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new XlsxReadError(`${CORRUPT_ODS}: не найдено оглавление zip-архива (файл обрезан?)`);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > bytes.length) throw new XlsxReadError(`${CORRUPT_ODS}: оглавление zip-архива указывает за конец файла (файл обрезан?)`);
  const entries = new Map<string, Entry>();
  let p = cdOffset;
  const utf8 = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new XlsxReadError(`${CORRUPT_ODS}: повреждено оглавление zip-архива`);
    const nameLength = view.getUint16(p + 28, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.set(name, {
      name, flags: view.getUint16(p + 8, true), method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true), size: view.getUint32(p + 24, true), localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

function dataOf(bytes: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new XlsxReadError(`${CORRUPT_ODS}: часть «${entry.name}» не найдена на указанном месте (файл обрезан?)`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new XlsxReadError(`${CORRUPT_ODS}: часть «${entry.name}» обрывается раньше конца (файл обрезан?)`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The sheets of an .ods given as bytes. Throws XlsxReadError (a Russian message) when it is not an
 * .ods, is damaged, encrypted, or over the limits (zip size, repeats: cli/ods-content.ts).
 */
export async function readOdsBytes(bytes: Uint8Array, options: SheetReadOptions = {}): Promise<{ sheets: BookSheet[]; names: string[] }> {
  const entries = directory(bytes);
  const mime = entries.get('mimetype');
  if (mime && !/^application\/vnd\.oasis\.opendocument\.spreadsheet/.test(new TextDecoder('latin1').decode(mime.method === 0 ? dataOf(bytes, mime) : new Uint8Array()))) {
    throw new XlsxReadError(`${CORRUPT_ODS}: это не таблица OpenDocument`);
  }
  const content = entries.get('content.xml');
  if (!content) throw new XlsxReadError(`${CORRUPT_ODS}: в архиве нет content.xml`);
  if (content.size > ODS_PART_LIMIT_BYTES) throw bomb(`в распакованном виде занимает ${gib(content.size)}`);
  if (content.flags & 1) throw new XlsxReadError('таблица защищена паролем (зашифрована); снимите пароль в LibreOffice (Файл → Свойства → Безопасность) и сохраните снова');
  if (content.method !== 0 && content.method !== 8) throw new XlsxReadError(`${CORRUPT_ODS}: часть «content.xml» сжата неизвестным способом (${content.method})`);
  const data = dataOf(bytes, content);
  const reader = new OdsContentReader(options);
  const decoder = new TextDecoder('utf-8');
  const cap = Math.min(ODS_PART_LIMIT_BYTES, content.size);
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > cap) {
      throw bomb(produced > ODS_PART_LIMIT_BYTES ? `распаковывается больше чем в ${gib(ODS_PART_LIMIT_BYTES)}` : 'распаковывается больше, чем указано в оглавлении zip-архива: оглавление неверно');
    }
    reader.write(decoder.decode(chunk, { stream: true }));
  };
  if (content.method === 0) take(data);
  else {
    const stream = new Blob([data.slice() as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const it = stream.getReader();
    try {
      for (;;) {
        const next = await it.read().catch((e: unknown) => {
          throw new XlsxReadError(`${CORRUPT_ODS}: часть «content.xml» не распаковывается (${(e as Error).message})`);
        });
        if (next.done) break;
        take(next.value);
      }
    } catch (e) {
      await it.cancel().catch(() => undefined);
      throw e;
    }
  }
  reader.write(decoder.decode());
  reader.end();
  return { sheets: reader.sheets, names: reader.names };
}
