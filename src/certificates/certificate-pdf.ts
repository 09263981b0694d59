import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatIndonesianDate } from '../common/indonesian-date.js';

export interface CertificateContent {
  number: string;
  participantName: string;
  eventTitle: string;
  pillarLabel: string;
  eventDate: Date;
  issuedAt: Date;
  verifyUrl: string;
}

const OFFICE = 'Dinas Komunikasi dan Informatika Kabupaten Purbalingga';
const PROGRAM = 'Bangga Macapat — Gerakan Kabupaten Purbalingga Makin Cakap Digital';

/**
 * One A4 landscape page. Everything that varies comes from `content` (creation date = issue date,
 * no random document id), so the same certificate renders to the same bytes every time.
 */
export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(content.verifyUrl, {
    type: 'png',
    margin: 1,
    width: 220,
    errorCorrectionLevel: 'M',
  });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    compress: false,
    info: {
      Title: `Sertifikat ${content.number}`,
      Author: OFFICE,
      Subject: content.eventTitle,
      Creator: 'Bangga Macapat',
      Producer: 'Bangga Macapat',
      CreationDate: content.issuedAt,
      ModDate: content.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { width, height } = doc.page;
  doc
    .lineWidth(4)
    .strokeColor('#1f4e79')
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1)
    .strokeColor('#c9a227')
    .rect(34, 34, width - 68, height - 68)
    .stroke();

  const text = (s: string, y: number, size: number, font = 'Helvetica', color = '#222222') =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(s, 60, y, { width: width - 120, align: 'center' });

  text(OFFICE.toUpperCase(), 62, 14, 'Helvetica-Bold', '#1f4e79');
  text(PROGRAM, 82, 11);
  text('SERTIFIKAT', 130, 40, 'Helvetica-Bold', '#1f4e79');
  text(`Nomor: ${content.number}`, 178, 12);
  text('diberikan kepada', 215, 13);
  text(content.participantName, 240, 28, 'Helvetica-Bold');
  text('atas partisipasinya sebagai peserta pelatihan', 290, 13);
  text(content.eventTitle, 312, 18, 'Helvetica-Bold');
  text(`Pilar ${content.pillarLabel} · ${formatIndonesianDate(content.eventDate)}`, 360, 13);
  text(`Purbalingga, ${formatIndonesianDate(content.issuedAt)}`, 420, 12);
  text(OFFICE, 438, 12, 'Helvetica-Bold');

  doc.image(qr, width - 60 - 110, height - 60 - 130, { width: 110 });
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555555')
    .text('Verifikasi keaslian:', width - 60 - 200, height - 60 - 14, { width: 200, align: 'right' });
  doc.text(content.verifyUrl, 60, height - 60 - 4, { width: width - 120, align: 'right' });

  doc.end();
  return done;
}
