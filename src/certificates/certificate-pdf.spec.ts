import { pdfText } from '../../test/support/pdf-text.js';
import { formatIndonesianDate } from '../common/indonesian-date.js';
import { renderCertificatePdf } from './certificate-pdf.js';

const content = {
  number: 'BM/2026/000123',
  participantName: 'Siti Rahayu',
  eventTitle: 'Aman Bermedia Sosial bagi Pelajar',
  pillarLabel: 'Aman Digital',
  eventDate: new Date('2026-12-05T02:00:00Z'),
  issuedAt: new Date('2026-12-06T03:00:00Z'),
  verifyUrl: 'https://bangga.example/api/v1/certificates/BM-2026-000123',
};

describe('renderCertificatePdf', () => {
  it('is a one-page A4 landscape PDF', async () => {
    const pdf = await renderCertificatePdf(content);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const source = pdf.toString('latin1');
    expect(source.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(source).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('says who, what, when, which number and who issued it', async () => {
    const text = pdfText(await renderCertificatePdf(content));
    for (const expected of [
      'Siti Rahayu',
      'Aman Bermedia Sosial bagi Pelajar',
      'Aman Digital',
      '5 Desember 2026',
      'BM/2026/000123',
      'Dinas Komunikasi dan Informatika Kabupaten Purbalingga',
      'Bangga Macapat',
      content.verifyUrl,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('renders the same bytes every time', async () => {
    const a = await renderCertificatePdf(content);
    const b = await renderCertificatePdf(content);
    expect(a.equals(b)).toBe(true);
  });

  it('formats local dates in Indonesian (Asia/Jakarta)', () => {
    expect(formatIndonesianDate(new Date('2023-04-04T18:30:00Z'))).toBe('5 April 2023');
  });
});
