/**
 * Building HTML as strings (no DOM: the note is produced in Node, Excel and Apps Script alike).
 */
import { fmt, fmtPercent } from '../messages';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element or an attribute. @example esc('«A» & <B>') // '«A» &amp; &lt;B&gt;' */
export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A number for a table cell: «—» when missing. */
export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : fmt(x, digits);
}

export function pct(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : fmtPercent(share, digits);
}

/** A cell: text is escaped unless given as { html }. */
export type HtmlCell = string | number | null | undefined | { html: string; className?: string };

export interface TableOptions {
  className?: string;
  /** Column classes (e.g. 'n' for right-aligned numbers). */
  columnClasses?: (string | undefined)[];
  caption?: string;
}

function cellHtml(tag: 'td' | 'th', c: HtmlCell, cls: string | undefined): string {
  if (c !== null && typeof c === 'object') {
    const classes = [cls, c.className].filter(Boolean).join(' ');
    return `<${tag}${classes ? ` class="${classes}"` : ''}>${c.html}</${tag}>`;
  }
  const text = typeof c === 'number' ? fmt(c, Number.isInteger(c) ? 0 : 2) : c;
  return `<${tag}${cls ? ` class="${cls}"` : ''}>${esc(text ?? '—')}</${tag}>`;
}

/** A table with a repeated header on every printed page. */
export function table(header: string[], rows: HtmlCell[][], options: TableOptions = {}): string {
  const cls = options.columnClasses ?? [];
  const head = header.map((h, i) => `<th${cls[i] ? ` class="${cls[i]}"` : ''} scope="col">${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => cellHtml('td', c, cls[i])).join('')}</tr>`).join('\n');
  // The wrapper scrolls a table wider than the page on screen (many columns, long words); on paper it is plain.
  return `<div class="table-wrap"><table${options.className ? ` class="${options.className}"` : ''}>${options.caption ? `<caption>${esc(options.caption)}</caption>` : ''}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

/** A coloured label for a quality or ИСБШ group (same colours as the sheets). */
export function groupBadge(group: number | null, colors: string[], textColors: string[]): HtmlCell {
  if (group === null) return { html: '<span class="muted">нет</span>' };
  return { html: `<span class="badge" style="background:${colors[group - 1]};color:${textColors[group - 1]}">${group}</span>`, className: 'c' };
}
