/**
 * Writing a workbook (the exceljs model the commands build) as an OpenDocument spreadsheet (.ods)
 * that LibreOffice, Р7-Офис and Excel open: the same sheets and values as the .xlsx output, and
 * the formatting ODF can carry — number formats (decimals, percent, dates, text «@»), bold /
 * italic / size / colour of the font, solid fills, wrapped text and vertical alignment, a thin
 * bottom border, column widths and row heights, merged cells, frozen header rows, the autofilter,
 * conditional colours («равно N» rules, as LibreOffice writes them: calcext:conditional-formats), landscape A4 pages.
 *
 * Text is always written as text (office:value-type="string"), never as a formula: text from the
 * data cannot become one (shared/text-guard.ts). Formula cells are written as their cached result.
 *
 * content.xml is generated row by row into a deflate stream and the zip is written as it goes
 * (no whole text in memory): the output book of a 40,000-school region holds the half-million
 * input rows too.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import type ExcelJS from 'exceljs';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"',
].join(' ');

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';

// ---------------------------------------------------------------------------------------------
// XML text

/** Characters XML 1.0 does not allow (control characters but tab and line ends) are left out. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell's text as ODF paragraphs: a line a <text:p>, runs of spaces and leading spaces as <text:s/>, tabs as <text:tab/>. */
export function odfParagraphs(text: string): string {
  return text.split(/\r\n|\r|\n/).map((line) => {
    const body = xmlEscape(line)
      .replace(/\t/g, '<text:tab/>')
      .replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)
      .replace(/^ /, '<text:s/>');
    return `<text:p>${body}</text:p>`;
  }).join('');
}

// ---------------------------------------------------------------------------------------------
// Number formats → data styles

/** An ODF data style for an Excel number format code, or null (General: no data style). */
export function dataStyle(name: string, code: string): string | null {
  const fmt = code.split(';')[0].trim();
  if (fmt === '@') return `<number:text-style style:name="${name}"><number:text-content/></number:text-style>`;
  const num = /^(#,##)?(0+)(?:\.(0*)(#*))?(%?)$/.exec(fmt);
  if (num) {
    const min = num[3]?.length ?? 0;
    const decimals = min + (num[4]?.length ?? 0);
    const grouping = num[1] ? ' number:grouping="true"' : '';
    const number = `<number:number number:decimal-places="${decimals}" number:min-decimal-places="${min}" number:min-integer-digits="${num[2].length}"${grouping}/>`;
    return num[5]
      ? `<number:percentage-style style:name="${name}">${number}<number:text>%</number:text></number:percentage-style>`
      : `<number:number-style style:name="${name}">${number}</number:number-style>`;
  }
  if (/^[dmyhs.:/\- ]+$/i.test(fmt) && /[dy]/i.test(fmt)) {
    const parts: string[] = [];
    const re = /(yyyy|yy|mm|m|dd|d|hh|h|ss|s|[.:/\- ])/gi;
    let m: RegExpExecArray | null;
    let afterHour = false;
    while ((m = re.exec(fmt))) {
      const t = m[1].toLowerCase();
      if (t === 'yyyy') parts.push('<number:year number:style="long"/>');
      else if (t === 'yy') parts.push('<number:year/>');
      else if (t === 'dd') parts.push('<number:day number:style="long"/>');
      else if (t === 'd') parts.push('<number:day/>');
      else if (t === 'hh' || t === 'h') { parts.push(`<number:hours${t === 'hh' ? ' number:style="long"' : ''}/>`); afterHour = true; }
      else if (t === 'ss' || t === 's') parts.push(`<number:seconds${t === 'ss' ? ' number:style="long"' : ''}/>`);
      else if (t === 'mm' || t === 'm') {
        const style = t === 'mm' ? ' number:style="long"' : '';
        parts.push(afterHour ? `<number:minutes${style}/>` : `<number:month${style}/>`);
      } else parts.push(`<number:text>${xmlEscape(t)}</number:text>`);
    }
    return `<number:date-style style:name="${name}">${parts.join('')}</number:date-style>`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cell styles

interface CellLook {
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
  vertical?: string;
  horizontal?: string;
  borderBottom?: boolean;
  /** Index of the conditional formatting whose range holds the cell. */
  conditional?: number;
}

const hex = (argb: string | undefined) => (argb && /^[0-9a-f]{6,8}$/i.test(argb) ? `#${argb.slice(-6).toUpperCase()}` : undefined);

function lookOf(cell: ExcelJS.Cell): CellLook {
  const look: CellLook = {};
  if (cell.numFmt && cell.numFmt !== 'General') look.numFmt = cell.numFmt;
  const font = cell.font;
  if (font) {
    if (font.bold) look.bold = true;
    if (font.italic) look.italic = true;
    if (font.size && font.size !== 11) look.size = font.size;
    const c = hex(font.color?.argb);
    if (c) look.color = c;
  }
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const c = hex(fill.fgColor?.argb);
    if (c) look.fill = c;
  }
  const al = cell.alignment;
  if (al) {
    if (al.wrapText) look.wrap = true;
    if (al.vertical) look.vertical = al.vertical === 'middle' ? 'middle' : al.vertical === 'top' ? 'top' : al.vertical === 'bottom' ? 'bottom' : undefined;
    if (al.horizontal === 'center' || al.horizontal === 'right' || al.horizontal === 'left') look.horizontal = al.horizontal === 'right' ? 'end' : al.horizontal === 'left' ? 'start' : 'center';
  }
  if (cell.border?.bottom?.style) look.borderBottom = true;
  return look;
}

interface Conditional {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The rules (LibreOffice's calcext condition values: «=1», «="ШНОР"», «between(1,2)») and the named style each applies. */
  maps: { condition: string; style: string }[];
}

interface Sheet {
  name: string;
  ws: ExcelJS.Worksheet;
  conditionals: Conditional[];
}

function decodeA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: parseInt(m[2], 10), col };
}

function columnName(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A sheet name as ODF writes it in a range address: quoted, quotes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------
// A zip written as it goes

/** CRC-32 (zlib's when Node has it). */
const crc32: (data: Buffer, value?: number) => number = (zlib as unknown as { crc32?: (d: Buffer, v?: number) => number }).crc32 ?? (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data: Buffer, value = 0) => {
    let c = (value ^ 0xffffffff) >>> 0;
    for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
})();

interface ZipRecord {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

class ZipWriter {
  private offset = 0;
  private readonly records: ZipRecord[] = [];
  constructor(private readonly fd: number) {}

  private write(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done, this.offset + done);
    this.offset += buf.length;
  }

  private localHeader(name: Buffer, method: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6); // UTF-8 names
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(0, 10);
    h.writeUInt16LE(0x21, 12); // 1980-01-01
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** A small entry, stored (the ODF «mimetype») or deflated at once. */
  add(nameText: string, data: Buffer, store = false): void {
    const name = Buffer.from(nameText, 'utf8');
    const body = store ? data : zlib.deflateRawSync(data);
    const crc = crc32(data);
    const offset = this.offset;
    this.write(this.localHeader(name, store ? 0 : 8, crc, body.length, data.length));
    this.write(body);
    this.records.push({ name: nameText, method: store ? 0 : 8, crc, compressed: body.length, size: data.length, offset });
  }

  /** A large entry from pieces of text, deflated as they come; the header is rewritten with the sizes after. */
  async addStream(nameText: string, pieces: Iterable<string>): Promise<void> {
    const name = Buffer.from(nameText, 'utf8');
    const offset = this.offset;
    this.write(this.localHeader(name, 8, 0, 0, 0));
    const deflate = zlib.createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('data', (chunk: Buffer) => { compressed += chunk.length; this.write(chunk); });
      deflate.on('end', resolve);
      deflate.on('error', reject);
    });
    let batch: string[] = [];
    let batchLength = 0;
    const flush = async () => {
      if (!batch.length) return;
      const buf = Buffer.from(batch.join(''), 'utf8');
      batch = [];
      batchLength = 0;
      crc = crc32(buf, crc);
      size += buf.length;
      if (!deflate.write(buf)) await new Promise<void>((resolve) => deflate.once('drain', resolve));
    };
    for (const piece of pieces) {
      batch.push(piece);
      batchLength += piece.length;
      if (batchLength > 1 << 20) await flush();
    }
    await flush();
    deflate.end();
    await done;
    if (size > 0xffffffff || compressed > 0xffffffff || this.offset > 0xffffffff) throw new Error('ods: content.xml over 4 GB');
    const header = this.localHeader(name, 8, crc, compressed, size);
    fs.writeSync(this.fd, header, 0, header.length, offset);
    this.records.push({ name: nameText, method: 8, crc, compressed, size, offset });
  }

  finish(): void {
    const start = this.offset;
    for (const r of this.records) {
      const name = Buffer.from(r.name, 'utf8');
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x800, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(0x21, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.compressed, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(name.length, 28);
      h.writeUInt32LE(r.offset, 42);
      this.write(Buffer.concat([h, name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }
}

// ---------------------------------------------------------------------------------------------
// The workbook

/** An exceljs cell's value as ODF cell attributes and content. */
function cellXml(value: ExcelJS.CellValue, styleAttr: string, span: string): string {
  let v: unknown = value;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) v = o.result ?? null;
    else if ('richText' in o) v = (o.richText as { text: string }[]).map((r) => r.text).join('');
    else if ('text' in o) v = String(o.text);
    else if ('error' in o) v = String(o.error);
  }
  if (v === null || v === undefined) return `<table:table-cell${styleAttr}${span}/>`;
  // An empty text stays a text cell, as in the .xlsx output (a shared string '').
  if (v === '') return `<table:table-cell${styleAttr}${span} office:value-type="string" office:string-value=""/>`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `<table:table-cell${styleAttr}${span} office:value-type="string"><text:p>${String(v)}</text:p></table:table-cell>`;
    // No <text:p> with the shown text: the value is the cell (the spreadsheet formats it); a third of content.xml saved.
    return `<table:table-cell${styleAttr}${span} office:value-type="float" office:value="${v}"/>`;
  }
  if (typeof v === 'boolean') {
    return `<table:table-cell${styleAttr}${span} office:value-type="boolean" office:boolean-value="${v}"><text:p>${v ? 'ИСТИНА' : 'ЛОЖЬ'}</text:p></table:table-cell>`;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return `<table:table-cell${styleAttr}${span}/>`;
    const iso = v.toISOString();
    const date = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$|Z$/, '');
    return `<table:table-cell${styleAttr}${span} office:value-type="date" office:date-value="${date}"><text:p>${iso.slice(0, 10)}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${styleAttr}${span} office:value-type="string">${odfParagraphs(String(v))}</table:table-cell>`;
}

/** The condition of an exceljs «cellIs» rule as LibreOffice writes it (calcext:value), or null when there is none. */
function conditionOf(rule: ExcelJS.ConditionalFormattingRule): string | null {
  const r = rule as { type: string; operator?: string; formulae?: unknown[] };
  if (r.type !== 'cellIs' || !r.formulae?.length) return null;
  const f = String(r.formulae[0]);
  const ops: Record<string, string> = { equal: '=', notEqual: '!=', greaterThan: '>', lessThan: '<', greaterThanOrEqual: '>=', lessThanOrEqual: '<=' };
  if (r.operator === 'between' && r.formulae.length > 1) return `between(${f},${String(r.formulae[1])})`;
  const op = ops[r.operator ?? ''];
  return op ? `${op}${f}` : null;
}

/**
 * Writes the workbook as .ods to `file`. Sheets in the workbook's order; hidden sheets stay hidden.
 */
export async function writeOds(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const sheets: Sheet[] = wb.worksheets.map((ws) => ({ name: ws.name, ws, conditionals: [] }));
  // Named styles the conditional rules apply (ODF's style:map names a common style).
  const namedStyles: string[] = [];
  for (const sheet of sheets) {
    const cfs = (sheet.ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[] }).conditionalFormattings ?? [];
    for (const cf of cfs) {
      const [a, b] = cf.ref.split(':');
      const from = decodeA1(a);
      const to = decodeA1(b ?? a);
      if (!from || !to) continue;
      const maps: Conditional['maps'] = [];
      for (const rule of cf.rules) {
        const condition = conditionOf(rule);
        const style = (rule as { style?: { fill?: ExcelJS.FillPattern; font?: Partial<ExcelJS.Font> } }).style;
        if (!condition || !style) continue;
        const name = `Условие${namedStyles.length + 1}`;
        const bg = hex(style.fill?.bgColor?.argb ?? style.fill?.fgColor?.argb);
        const color = hex(style.font?.color?.argb);
        namedStyles.push(`<style:style style:name="${name}" style:family="table-cell" style:parent-style-name="Default">` +
          (bg ? `<style:table-cell-properties fo:background-color="${bg}"/>` : '') +
          (color || style.font?.bold ? `<style:text-properties${color ? ` fo:color="${color}"` : ''}${style.font?.bold ? ' fo:font-weight="bold"' : ''}/>` : '') +
          '</style:style>');
        maps.push({ condition, style: name });
      }
      if (maps.length) sheet.conditionals.push({ top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col), maps });
    }
  }

  // Cell styles are made while the rows are written; the automatic styles come before the body
  // in content.xml, so cell styles go to styles.xml as common styles (written last) instead.
  const cellStyles = new Map<string, string>();
  const cellStyleXml: string[] = [];
  const dataStyles = new Map<string, string | null>();
  const dataStyleXml: string[] = [];
  const dataStyleOf = (code: string): string | null => {
    if (!dataStyles.has(code)) {
      const name = `N${dataStyles.size + 1}`;
      const x = dataStyle(name, code);
      dataStyles.set(code, x ? name : null);
      if (x) dataStyleXml.push(x);
    }
    return dataStyles.get(code)!;
  };
  const styleName = (look: CellLook): string | null => {
    const key = JSON.stringify(look);
    const known = cellStyles.get(key);
    if (known !== undefined) return known;
    const name = `ce${cellStyles.size + 1}`;
    const ds = look.numFmt ? dataStyleOf(look.numFmt) : null;
    const cellProps: string[] = [];
    if (look.fill) cellProps.push(`fo:background-color="${look.fill}"`);
    if (look.wrap) cellProps.push('fo:wrap-option="wrap"');
    if (look.vertical) cellProps.push(`style:vertical-align="${look.vertical}"`);
    if (look.borderBottom) cellProps.push('fo:border-bottom="0.06pt solid #000000"');
    const textProps: string[] = [];
    if (look.bold) textProps.push('fo:font-weight="bold"', 'style:font-weight-asian="bold"', 'style:font-weight-complex="bold"');
    if (look.italic) textProps.push('fo:font-style="italic"', 'style:font-style-asian="italic"', 'style:font-style-complex="italic"');
    if (look.size) textProps.push(`fo:font-size="${look.size}pt"`, `style:font-size-asian="${look.size}pt"`, `style:font-size-complex="${look.size}pt"`);
    if (look.color) textProps.push(`fo:color="${look.color}"`);
    cellStyleXml.push(`<style:style style:name="${name}" style:family="table-cell" style:parent-style-name="Default"${ds ? ` style:data-style-name="${ds}"` : ''}>` +
      (cellProps.length ? `<style:table-cell-properties ${cellProps.join(' ')}/>` : '') +
      (look.horizontal ? `<style:paragraph-properties fo:text-align="${look.horizontal}"/>` : '') +
      (textProps.length ? `<style:text-properties ${textProps.join(' ')}/>` : '') +
      '</style:style>');
    cellStyles.set(key, name);
    return name;
  };

  const columnStyles = new Map<string, string>();
  const rowStyles = new Map<string, string>();
  const automatic: string[] = [];
  const columnStyle = (width: number) => {
    const key = width.toFixed(3);
    let name = columnStyles.get(key);
    if (!name) {
      name = `co${columnStyles.size + 1}`;
      columnStyles.set(key, name);
      automatic.push(`<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${((width * 7 + 5) / 96).toFixed(4)}in"/></style:style>`);
    }
    return name;
  };
  const rowStyle = (height: number | undefined) => {
    const key = height ? height.toFixed(2) : 'auto';
    let name = rowStyles.get(key);
    if (!name) {
      name = `ro${rowStyles.size + 1}`;
      rowStyles.set(key, name);
      automatic.push(`<style:style style:name="${name}" style:family="table-row"><style:table-row-properties ${height ? `style:row-height="${height.toFixed(2)}pt" style:use-optimal-row-height="false"` : 'style:use-optimal-row-height="true"'}/></style:style>`);
    }
    return name;
  };
  automatic.push('<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true"/></style:style>');
  automatic.push('<style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false"/></style:style>');

  // The columns' and rows' styles are known before the body: widths and heights are read first.
  const layouts = sheets.map((sheet) => {
    const ws = sheet.ws;
    let width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row) => { width = Math.max(width, row.cellCount); });
    const cols: string[] = [];
    for (let c = 1; c <= Math.max(width, 1); c++) cols.push(columnStyle(ws.getColumn(c).width ?? 9.140625));
    const rows: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) rows.push(rowStyle(ws.findRow(r)?.height));
    return { width: Math.max(width, 1), cols, rows };
  });

  /** Per sheet: the merged cells by «row:col», and per row the last column a merge reaches. */
  const mergeEnds = sheets.map(() => new Map<number, number>());
  const merges = sheets.map((sheet, s) => {
    const map = new Map<string, { rows: number; cols: number } | 'covered'>();
    const list = ((sheet.ws as unknown as { model: { merges?: string[] } }).model.merges ?? []);
    for (const ref of list) {
      const [a, b] = ref.split(':');
      const from = decodeA1(a);
      const to = decodeA1(b ?? a);
      if (!from || !to) continue;
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.col; c <= to.col; c++) map.set(`${r}:${c}`, 'covered');
        mergeEnds[s].set(r, Math.max(mergeEnds[s].get(r) ?? 0, to.col));
      }
      map.set(`${from.row}:${from.col}`, { rows: to.row - from.row + 1, cols: to.col - from.col + 1 });
    }
    return map;
  });

  const databaseRanges: string[] = [];
  function* body(): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} office:version="1.3"><office:automatic-styles>${automatic.join('')}</office:automatic-styles><office:body><office:spreadsheet>`;
    for (let s = 0; s < sheets.length; s++) {
      const sheet = sheets[s];
      const { ws } = sheet;
      const layout = layouts[s];
      const merge = merges[s];
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      yield `<table:table table:name="${xmlEscape(sheet.name)}" table:style-name="${hidden ? 'ta2' : 'ta1'}">`;
      let k = 0;
      while (k < layout.cols.length) {
        let n = 1;
        while (k + n < layout.cols.length && layout.cols[k + n] === layout.cols[k]) n++;
        yield `<table:table-column table:style-name="${layout.cols[k]}"${n > 1 ? ` table:number-columns-repeated="${n}"` : ''}/>`;
        k += n;
      }
      let emptyRun = 0;
      let emptyStyle = '';
      const flushEmpty = function* (): Generator<string> {
        if (!emptyRun) return;
        yield `<table:table-row table:style-name="${emptyStyle}"${emptyRun > 1 ? ` table:number-rows-repeated="${emptyRun}"` : ''}><table:table-cell table:number-columns-repeated="${layout.width}"/></table:table-row>`;
        emptyRun = 0;
      };
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.findRow(r);
        const style = layout.rows[r - 1];
        const cellCount = Math.max(row?.cellCount ?? 0, mergeEnds[s].get(r) ?? 0);
        if (cellCount === 0) {
          if (emptyRun && emptyStyle !== style) yield* flushEmpty();
          emptyStyle = style;
          emptyRun++;
          continue;
        }
        yield* flushEmpty();
        const parts: string[] = [`<table:table-row table:style-name="${style}">`];
        for (let c = 1; c <= cellCount; c++) {
          const m = merge.get(`${r}:${c}`);
          if (m === 'covered') { parts.push('<table:covered-table-cell/>'); continue; }
          const cell = ws.getCell(r, c);
          const look = lookOf(cell);
          const name = Object.keys(look).length ? styleName(look) : null;
          const span = m ? ` table:number-columns-spanned="${m.cols}" table:number-rows-spanned="${m.rows}"` : '';
          parts.push(cellXml(cell.value, name ? ` table:style-name="${name}"` : '', span));
        }
        if (cellCount < layout.width) parts.push(`<table:table-cell table:number-columns-repeated="${layout.width - cellCount}"/>`);
        parts.push('</table:table-row>');
        yield parts.join('');
      }
      yield* flushEmpty();
      if (sheet.conditionals.length) {
        const q = sheetRef(sheet.name);
        yield `<calcext:conditional-formats>${sheet.conditionals.map((c) => {
          const base = `${q}.${columnName(c.left)}${c.top}`;
          return `<calcext:conditional-format calcext:target-range-address="${xmlEscape(`${base}:${q}.${columnName(c.right)}${c.bottom}`)}">` +
            c.maps.map((m) => `<calcext:condition calcext:apply-style-name="${m.style}" calcext:value="${xmlEscape(m.condition)}" calcext:base-cell-address="${xmlEscape(base)}"/>`).join('') +
            '</calcext:conditional-format>';
        }).join('')}</calcext:conditional-formats>`;
      }
      yield '</table:table>';
      const filter = ws.autoFilter as ExcelJS.AutoFilter | string | undefined;
      if (filter) {
        let from: { row: number; col: number } | null = null;
        let to: { row: number; col: number } | null = null;
        if (typeof filter === 'string') {
          const [a, b] = filter.split(':');
          from = decodeA1(a);
          to = decodeA1(b ?? a);
        } else {
          const f = filter as { from: { row: number; column: number } | string; to: { row: number; column: number } | string };
          from = typeof f.from === 'string' ? decodeA1(f.from) : { row: f.from.row, col: f.from.column };
          to = typeof f.to === 'string' ? decodeA1(f.to) : { row: f.to.row, col: f.to.column };
        }
        if (from && to) {
          const q = sheetRef(sheet.name);
          databaseRanges.push(`<table:database-range table:name="__Anonymous_Sheet_DB__${s}" table:target-range-address="${xmlEscape(`${q}.${columnName(from.col)}${from.row}:${q}.${columnName(to.col)}${to.row}`)}" table:display-filter-buttons="true"/>`);
        }
      }
    }
    if (databaseRanges.length) yield `<table:database-ranges>${databaseRanges.join('')}</table:database-ranges>`;
    yield '</office:spreadsheet></office:body></office:document-content>';
  }

  const fd = fs.openSync(file, 'w');
  try {
    const zip = new ZipWriter(fd);
    zip.add('mimetype', Buffer.from(MIME, 'latin1'), true);
    await zip.addStream('content.xml', body());
    const landscape = sheets.some((s) => s.ws.pageSetup?.orientation === 'landscape');
    const styles = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${NS} office:version="1.3">` +
      `<office:styles>${dataStyleXml.join('')}<style:default-style style:family="table-cell"><style:text-properties fo:font-size="11pt" style:font-name="Calibri"/></style:default-style>` +
      `<style:style style:name="Default" style:family="table-cell"/>${namedStyles.join('')}${cellStyleXml.join('')}</office:styles>` +
      `<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="${landscape ? '29.7cm' : '21cm'}" fo:page-height="${landscape ? '21cm' : '29.7cm'}" style:print-orientation="${landscape ? 'landscape' : 'portrait'}" fo:margin="1.5cm"${landscape ? ' style:scale-to-X="1" style:scale-to-Y="0"' : ''}/></style:page-layout></office:automatic-styles>` +
      '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles></office:document-styles>';
    zip.add('styles.xml', Buffer.from(styles, 'utf8'));
    const frozen = sheets.map((s) => {
      const view = s.ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
      const y = view?.state === 'frozen' ? view.ySplit ?? 0 : 0;
      const x = view?.state === 'frozen' ? view.xSplit ?? 0 : 0;
      if (!y && !x) return '';
      const item = (name: string, type: string, value: number) => `<config:config-item config:name="${name}" config:type="${type}">${value}</config:config-item>`;
      return `<config:config-item-map-entry config:name="${xmlEscape(s.name)}">${item('HorizontalSplitMode', 'short', x ? 2 : 0)}${item('VerticalSplitMode', 'short', y ? 2 : 0)}` +
        `${item('HorizontalSplitPosition', 'int', x)}${item('VerticalSplitPosition', 'int', y)}${item('ActiveSplitRange', 'short', 2)}` +
        `${item('PositionLeft', 'int', 0)}${item('PositionRight', 'int', x)}${item('PositionTop', 'int', 0)}${item('PositionBottom', 'int', y)}</config:config-item-map-entry>`;
    }).join('');
    const settings = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings ${NS} office:version="1.3"><office:settings>` +
      '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>' +
      `<config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables">${frozen}</config:config-item-map-named>` +
      '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>';
    zip.add('settings.xml', Buffer.from(settings, 'utf8'));
    zip.add('meta.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ${NS} office:version="1.3"><office:meta><meta:generator>ШНОР Монитор</meta:generator></office:meta></office:document-meta>`, 'utf8'));
    zip.add('META-INF/manifest.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
      `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/>` +
      ['content.xml', 'styles.xml', 'settings.xml', 'meta.xml'].map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="text/xml"/>`).join('') +
      '</manifest:manifest>', 'utf8'));
    zip.finish();
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes the workbook as .ods when the file's name ends so, else as .xlsx (exceljs). */
export async function writeBook(wb: ExcelJS.Workbook, file: string): Promise<void> {
  if (/\.ods$/i.test(file)) await writeOds(wb, file);
  else await wb.xlsx.writeFile(file);
}
