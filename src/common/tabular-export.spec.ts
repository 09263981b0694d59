import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { contentDisposition, fileSlug, inBatches, type TableColumn, writeTable } from './tabular-export.js';

interface Row {
  name: string;
  n: number | null;
}
const columns: TableColumn<Row>[] = [
  { header: 'Nama', value: (r) => r.name },
  { header: 'Jumlah', value: (r) => r.n },
];

async function collect(format: 'csv' | 'xlsx', rows: Row[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  async function* source() {
    for (const b of rows) yield b;
  }
  await writeTable(out, format, 'Kehadiran', columns, source());
  await ended;
  return Buffer.concat(chunks);
}

describe('writeTable', () => {
  it('writes CSV with a BOM, CRLF lines, quoting and formula escaping', async () => {
    const csv = (
      await collect('csv', [
        [{ name: 'Budi, S.Kom', n: 3 }],
        [
          { name: '=HYPERLINK("x")', n: null },
          { name: 'Ani "Nunung"', n: 0 },
        ],
      ])
    ).toString('utf8');
    expect(csv).toBe('\uFEFFNama,Jumlah\r\n"Budi, S.Kom",3\r\n"\'=HYPERLINK(""x"")",\r\n"Ani ""Nunung""",0\r\n');
  });

  it('writes an XLSX that reads back with the same rows', async () => {
    const buf = await collect('xlsx', [
      [
        { name: 'Budi', n: 3 },
        { name: 'Ani', n: null },
      ],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kehadiran')!;
    const values = ws
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual([['Nama', 'Jumlah'], ['Budi', 3], ['Ani']]);
  });
});

describe('inBatches', () => {
  it('pages by the last row until a short batch', async () => {
    const data = Array.from({ length: 7 }, (_, i) => i + 1);
    const calls: (number | undefined)[] = [];
    const batches: number[][] = [];
    for await (const b of inBatches<number>(async (after, size) => {
      calls.push(after);
      return data.filter((x) => x > (after ?? 0)).slice(0, size);
    }, 3))
      batches.push(b);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(calls).toEqual([undefined, 3, 6]);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('kehadiran Literasi Digital.csv')).toBe(
      `attachment; filename="kehadiran_Literasi_Digital.csv"; filename*=UTF-8''kehadiran%20Literasi%20Digital.csv`,
    );
  });
});

describe('fileSlug', () => {
  it('keeps ASCII letters and digits, folds accents, joins the rest with dashes', () => {
    expect(fileSlug('Literasi Digital untuk UMKM — Kec. Bukateja')).toBe('literasi-digital-untuk-umkm-kec-bukateja');
    expect(fileSlug('Pelatihan Café & Keamanan')).toBe('pelatihan-cafe-keamanan');
    expect(fileSlug('!!!')).toBe('kegiatan');
    expect(fileSlug('a'.repeat(50) + ' ' + 'b'.repeat(20), 60)).toBe('a'.repeat(50) + '-' + 'b'.repeat(9));
  });
});
