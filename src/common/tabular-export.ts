import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type TableFormat = 'csv' | 'xlsx';
export type Cell = string | number | null;

export interface TableColumn<T> {
  header: string;
  /** Column width in characters for the spreadsheet. */
  width?: number;
  value: (row: T) => Cell;
}

export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A filename part from a title: "Literasi Digital untuk UMKM" → "literasi-digital-untuk-umkm". */
export function fileSlug(title: string, max = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '') || 'kegiatan';
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const csvCell = (v: Cell): string => {
  if (v === null) return '';
  const s = String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * Streams rows to `out` as CSV (UTF-8 with BOM so Excel reads it right) or XLSX, one batch at a
 * time: memory stays flat however many rows the source yields.
 */
export async function writeTable<T>(
  out: Writable,
  format: TableFormat,
  sheetName: string,
  columns: TableColumn<T>[],
  rows: AsyncIterable<T[]>,
): Promise<void> {
  if (format === 'csv') {
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, 'drain');
    };
    await write('\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
    for await (const batch of rows) {
      await write(batch.map((r) => columns.map((c) => csvCell(c.value(r))).join(',') + '\r\n').join(''));
    }
    out.end();
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const batch of rows) {
    for (const r of batch) sheet.addRow(columns.map((c) => c.value(r))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Reads a source in keyset-ordered batches, so exports never hold more than one batch in memory. */
export async function* inBatches<T>(
  fetch: (after: T | undefined, size: number) => Promise<T[]>,
  size = 500,
): AsyncGenerator<T[]> {
  let last: T | undefined;
  for (;;) {
    const batch = await fetch(last, size);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < size) return;
    last = batch[batch.length - 1];
  }
}
