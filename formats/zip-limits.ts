/**
 * The zip container of a workbook for the offline page, host-neutral (bytes through a read
 * function, DataView; no Node or DOM API): its central directory, and the limits on what a part may
 * inflate to, checked from the sizes the directory declares before exceljs inflates anything — a zip
 * bomb is refused with the command line's Russian message naming the limit.
 *
 * The format, the limits and the messages are those of cli/xlsx-stream.ts (readZipDirectory,
 * checkZipLimits), which reads from a file descriptor with Node's Buffer; tests/formats-region-files
 * holds the two equal (entries, limits, messages). The .ods read from bytes (formats/ods-bytes.ts)
 * reads its zip through zipDirectoryOfBytes and entryData here: one zip directory reader over bytes.
 * cli/xlsx-stream.ts could call zipDirectory with its own read function and drop its copy too.
 */

/** The most one part of a workbook (a sheet, the shared strings) may inflate to. */
export const PART_LIMIT_BYTES = 1024 * 1024 * 1024;
/** The most all the parts read from one workbook may inflate to together. */
export const TOTAL_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

/** A workbook that cannot be read as it is; the message is for the user (Russian). */
export class XlsxReadError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export const gib = (bytes: number) => `${(bytes / 1024 / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} ГБ`;
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 * 1024 ? gib(bytes) : `${Math.ceil(bytes / 1024 / 1024).toLocaleString('ru-RU')} МБ`);

export const CORRUPT = 'файл повреждён или это не книга .xlsx';

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Uint8Array;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * The zip's central directory from a file of `fileSize` bytes: every entry's name, method, sizes and
 * where its data starts. `corrupt` begins the message for a damaged archive (the .ods reader says «.ods»).
 */
export function zipDirectory(fileSize: number, readAt: ReadAt, corrupt: string = CORRUPT): Map<string, ZipEntry> {
  const tailLength = Math.min(fileSize, 22 + 65535 + 20);
  const tail = readAt(fileSize - tailLength, tailLength);
  const t = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (t.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new XlsxReadError(`${corrupt}: не найдено оглавление zip-архива (файл обрезан?)`);
  let count = t.getUint16(eocd + 10, true);
  let cdSize = t.getUint32(eocd + 12, true);
  let cdOffset = t.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator stands just before the end record.
    const loc = eocd - 20;
    if (loc < 0 || t.getUint32(loc, true) !== 0x07064b50) throw new XlsxReadError(`${corrupt}: повреждено оглавление zip-архива`);
    const recOffset = Number(t.getBigUint64(loc + 8, true));
    const rec = readAt(recOffset, 56);
    const r = view(rec);
    if (rec.length < 56 || r.getUint32(0, true) !== 0x06064b50) throw new XlsxReadError(`${corrupt}: повреждено оглавление zip-архива`);
    count = Number(r.getBigUint64(32, true));
    cdSize = Number(r.getBigUint64(40, true));
    cdOffset = Number(r.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > fileSize) throw new XlsxReadError(`${corrupt}: оглавление zip-архива указывает за конец файла (файл обрезан?)`);
  const cd = readAt(cdOffset, cdSize);
  const d = view(cd);
  const utf8 = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || d.getUint32(p, true) !== 0x02014b50) throw new XlsxReadError(`${corrupt}: повреждено оглавление zip-архива`);
    const flags = d.getUint16(p + 8, true);
    const method = d.getUint16(p + 10, true);
    let compressedSize = d.getUint32(p + 20, true);
    let size = d.getUint32(p + 24, true);
    const nameLength = d.getUint16(p + 28, true);
    const extraLength = d.getUint16(p + 30, true);
    const commentLength = d.getUint16(p + 32, true);
    let localOffset = d.getUint32(p + 42, true);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & 0x800) ? utf8.decode(nameBytes) : String.fromCharCode(...nameBytes); // latin1
    // ZIP64 extra field: the 64-bit values, in this order, of those that are 0xFFFFFFFF.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = d.getUint16(e, true);
      const len = d.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) { size = Number(d.getBigUint64(q, true)); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) { compressedSize = Number(d.getBigUint64(q, true)); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) { localOffset = Number(d.getBigUint64(q, true)); q += 8; }
      }
      e += 4 + len;
    }
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

export function bombMessage(label: string, what: string): string {
  return `${label} ${what}, а предел — ${gib(PART_LIMIT_BYTES)} на одну часть книги (и ${gib(TOTAL_LIMIT_BYTES)} на всю книгу). ` +
    'Так бывает с повреждёнными или намеренно «раздутыми» файлами (zip-бомба); книга не прочитана. ' +
    'Если данные настоящие, разделите их на несколько книг или сохраните листы как CSV (папка с schools.csv, results.csv …).';
}

/** Refuses a part whose declared size is over the limit, before anything is inflated. */
export function checkDeclaredSize(entry: ZipEntry, label: string): void {
  if (entry.size > PART_LIMIT_BYTES) {
    throw new XlsxReadError(bombMessage(label, `в распакованном виде занимает ${sizeText(entry.size)}`));
  }
}

/** Every part of the workbook against the limits, by the sizes its central directory declares. */
export function checkEntryLimits(entries: Map<string, ZipEntry>): void {
  let total = 0;
  for (const entry of entries.values()) {
    checkDeclaredSize(entry, `Часть книги «${entry.name}»`);
    total += entry.size;
  }
  if (total > TOTAL_LIMIT_BYTES) throw new XlsxReadError(bombMessage('Книга', `в распакованном виде занимает ${sizeText(total)}`));
}

/** The zip's central directory of a file held in memory (the offline page; formats/ods-bytes.ts). */
export function zipDirectoryOfBytes(bytes: Uint8Array, corrupt: string = CORRUPT): Map<string, ZipEntry> {
  return zipDirectory(bytes.length, (position, length) => bytes.subarray(Math.max(0, position), position + length), corrupt);
}

/** The stored (compressed) bytes of an entry of a zip held in memory, found through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry, corrupt: string = CORRUPT): Uint8Array {
  const v = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || v.getUint32(at, true) !== 0x04034b50) throw new XlsxReadError(`${corrupt}: часть «${entry.name}» не найдена на указанном месте (файл обрезан?)`);
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new XlsxReadError(`${corrupt}: часть «${entry.name}» обрывается раньше конца (файл обрезан?)`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** checkEntryLimits for a workbook held in memory (the offline page, before exceljs opens it). */
export function checkZipBytes(bytes: Uint8Array): void {
  checkEntryLimits(zipDirectoryOfBytes(bytes));
}
