/**
 * Where an OutputSheet's parts go on a sheet: title lines, a blank row, then each block as
 * caption, header and rows with a blank row between blocks. Every host writes the same layout
 * (the Excel task pane, the browser demo; the Sheets bridge may use it too) with one values call.
 */
import type { OutCell, OutputSheet, TableBlock } from '../shared/report-tables';

export interface BlockLayout {
  block: TableBlock;
  /** 0-based row of the caption, or null. */
  captionRow: number | null;
  /** 0-based row of the header. */
  headerRow: number;
  /** 0-based row of the first data row (headerRow + 1). */
  firstRow: number;
  rowCount: number;
  width: number;
}

export interface SheetLayout {
  /** Columns of the widest part (at least 1). */
  width: number;
  titleRows: number[];
  blocks: BlockLayout[];
  /** The whole sheet, rectangular (width columns), null for empty cells. */
  grid: OutCell[][];
}

/** @example layoutSheet(sheet).blocks[0].headerRow // 3 for two title lines */
export function layoutSheet(sheet: OutputSheet): SheetLayout {
  const width = Math.max(1, sheet.columns.length, ...sheet.blocks.map((b) => b.header.length));
  const grid: OutCell[][] = [];
  const row = (cells: OutCell[]) => {
    const r = cells.slice(0, width);
    while (r.length < width) r.push(null);
    grid.push(r);
    return grid.length - 1;
  };
  const titleRows = sheet.title.map((t) => row([t]));
  if (titleRows.length) row([]);
  const blocks: BlockLayout[] = [];
  sheet.blocks.forEach((block, i) => {
    if (i > 0) row([]);
    const captionRow = block.caption ? row([block.caption]) : null;
    const headerRow = row(block.header);
    for (const r of block.rows) row(r);
    blocks.push({ block, captionRow, headerRow, firstRow: headerRow + 1, rowCount: block.rows.length, width: block.header.length });
  });
  return { width, titleRows, blocks, grid };
}
