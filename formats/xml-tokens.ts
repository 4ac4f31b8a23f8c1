/**
 * A small XML tokenizer (elements, attributes, text; no DOM), fed chunk by chunk, and the XML text
 * helpers the spreadsheet readers share (cli/xlsx-stream.ts, formats/ods-content.ts). Pure: no Node API,
 * so a browser page can run the same readers over bytes it inflates itself.
 */

/** A workbook that cannot be read as it is (one class for every reader: formats/zip-limits.ts). */
import { XlsxReadError } from './zip-limits';

export { XlsxReadError };

export const CORRUPT_XLSX = 'файл повреждён или это не книга .xlsx';


export interface XmlHandler {
  /** An element opens; `tag` is its whole start tag text (between «<» and «>»), `local` its name without a prefix. */
  open(local: string, tag: string, selfClosing: boolean): void;
  close(local: string): void;
  /** Text between tags (raw, entities not decoded), only while `wantText()` says so. */
  text(raw: string): void;
  wantText(): boolean;
  /**
   * A fast path for the commonest tags: handles the tag at `lt` and returns the index after it,
   * or -1 when it leaves the tag to the general path, -2 when the tag is cut by the chunk's end.
   */
  fast?(s: string, lt: number): number;
}

export class XmlTokenizer {
  private pending = '';
  /** `corrupt`: the start of the message for malformed XML («файл повреждён или это не книга .xlsx»). */
  constructor(private readonly h: XmlHandler, private readonly corrupt = CORRUPT_XLSX) {}

  write(chunk: string): void {
    const s = this.pending ? this.pending + chunk : chunk;
    const h = this.h;
    let i = 0;
    const n = s.length;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (i < n && h.wantText()) h.text(s.slice(i));
        i = n;
        break;
      }
      if (lt > i && h.wantText()) h.text(s.slice(i, lt));
      i = lt;
      if (h.fast) {
        const next = h.fast(s, lt);
        if (next >= 0) {
          i = next;
          continue;
        }
        if (next === -2) break;
      }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) break;
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (h.wantText()) h.text(escapeText(s.slice(lt + 9, end)));
          i = end + 3;
          continue;
        }
        if (lt + 9 > n) break;
        const end = s.indexOf('>', lt);
        if (end < 0) break;
        i = end + 1;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const end = s.indexOf('?>', lt);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      // The tag's end: the first «>» outside double quotes.
      let gt = s.indexOf('>', lt);
      if (gt < 0) break;
      let q = s.indexOf('"', lt);
      while (q >= 0 && q < gt) {
        const q2 = s.indexOf('"', q + 1);
        if (q2 < 0) { gt = -1; break; }
        if (q2 > gt) {
          gt = s.indexOf('>', q2);
          if (gt < 0) break;
        }
        q = s.indexOf('"', q2 + 1);
      }
      if (gt < 0) break;
      if (c1 === 47 /* / */) {
        h.close(localName(s, lt + 2, gt));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const tag = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        const local = localName(tag, 0, tag.length);
        h.open(local, tag, selfClosing);
        if (selfClosing) h.close(local);
      }
      i = gt + 1;
    }
    this.pending = i < n ? s.slice(i) : '';
    if (this.pending.length > 64 * 1024 * 1024) throw new XlsxReadError(`${this.corrupt}: незакрытый тег XML`);
  }

  end(): void {
    if (this.pending.trim()) throw new XlsxReadError(`${this.corrupt}: XML обрывается на середине`);
  }
}

export function escapeText(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The element name (without a namespace prefix) at the start of s[from, to). */
export function localName(s: string, from: number, to: number): string {
  let end = from;
  let colon = -1;
  while (end < to) {
    const c = s.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    if (c === 58) colon = end;
    end++;
  }
  return s.slice(colon >= 0 ? colon + 1 : from, end);
}

/** An attribute's value (entities decoded) in a start tag's text, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const k = tag.indexOf(name, from);
    if (k < 0) return undefined;
    const before = tag.charCodeAt(k - 1);
    let p = k + name.length;
    while (tag.charCodeAt(p) === 32) p++;
    if ((before === 32 || before === 9 || before === 10 || before === 13) && tag.charCodeAt(p) === 61 /* = */) {
      p++;
      while (tag.charCodeAt(p) === 32) p++;
      const quote = tag[p];
      if (quote === '"' || quote === "'") {
        const end = tag.indexOf(quote, p + 1);
        if (end < 0) return undefined;
        const raw = tag.slice(p + 1, end);
        return raw.includes('&') ? decodeEntities(raw) : raw;
      }
    }
    from = k + name.length;
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data: entities decoded, line ends normalised as XML parsers do. */
export function decodeEntities(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return NAMED[e] ?? m;
    });
  }
  return s;
}

/** A string that does not keep the chunk it was sliced from alive. */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** exceljs decodes `_xHHHH_` (upper-case hex) in shared strings and rich-text runs. */
export function decodeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** exceljs's utils.xmlDecode, applied once more to `t="str"` values. */
export function xmlDecodeAgain(s: string): string {
  return s.includes('&') ? s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c) : s;
}

