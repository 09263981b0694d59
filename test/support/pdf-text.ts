/**
 * Reads the text of an uncompressed PDF written by pdfkit with the standard fonts: the hex strings
 * of its TJ arrays, in drawing order. Enough to check what a certificate says without a PDF library.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const array of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    let line = '';
    for (const hex of array[1].matchAll(/<([0-9a-fA-F]*)>/g)) {
      line += Buffer.from(hex[1], 'hex').toString('latin1');
    }
    lines.push(line);
  }
  return lines.join('\n');
}
