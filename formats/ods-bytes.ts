/**
 * An .ods read from its bytes (a file a browser page was handed): the zip's directory read from the
 * bytes, content.xml's declared and real size held to the limits of cli/xlsx-stream.ts, inflated
 * by the platform's DecompressionStream('deflate-raw') chunk by chunk into the same content.xml
 * reader the command line uses (formats/ods-content.ts). Pure: no Node API (Node 18+ and browsers
 * have DecompressionStream and TextDecoder).
 *
 * The zip directory is formats/zip-limits.ts's (one reader of a zip held in memory). The offline page's
 * .ods WorkbookReader (formats/region-files.ts) calls it.
 */
import { type BookSheet, CORRUPT_ODS, OdsContentReader, type SheetReadOptions } from './ods-content';
import { PART_LIMIT_BYTES, XlsxReadError, type ZipEntry, entryData, gib, zipDirectoryOfBytes } from './zip-limits';

/** The limit of one part of a book (formats/zip-limits.ts PART_LIMIT_BYTES, 1 GiB). */
export const ODS_PART_LIMIT_BYTES = PART_LIMIT_BYTES;

function bomb(what: string): XlsxReadError {
  return new XlsxReadError(`Часть таблицы «content.xml» ${what}, а предел — ${gib(ODS_PART_LIMIT_BYTES)} на одну часть книги. ` +
    'Так бывает с повреждёнными или намеренно «раздутыми» файлами (zip-бомба); книга не прочитана.');
}

const dataOf = (bytes: Uint8Array, entry: ZipEntry) => entryData(bytes, entry, CORRUPT_ODS);

/**
 * The sheets of an .ods given as bytes. Throws XlsxReadError (a Russian message) when it is not an
 * .ods, is damaged, encrypted, or over the limits (zip size, repeats: formats/ods-content.ts).
 */
export async function readOdsBytes(bytes: Uint8Array, options: SheetReadOptions = {}): Promise<{ sheets: BookSheet[]; names: string[] }> {
  const entries = zipDirectoryOfBytes(bytes, CORRUPT_ODS);
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
