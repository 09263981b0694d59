import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { CertificateCheck } from '../../api/types';
import { Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime, formatDay } from '../../format';

/** What a person sees after scanning a certificate's QR code. */
export function VerifyPage({ number }: { number: string }) {
  const [state, setState] = useState<CertificateCheck | 'missing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = `Verifikasi sertifikat ${number} · Bangga Macapat`;
    api<CertificateCheck>('GET', `/certificates/${encodeURIComponent(number)}`, { auth: false })
      .then(setState)
      .catch((err) =>
        err instanceof ApiError && err.status === 404 ? setState('missing') : setError(errorMessage(err)),
      );
  }, [number]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!state) return <Loading label="Memeriksa sertifikat…" />;
  if (state === 'missing') {
    return (
      <>
        <PageTitle>Sertifikat tidak ditemukan</PageTitle>
        <p>
          Tidak ada sertifikat Bangga Macapat bernomor <strong class="code">{number}</strong>. Periksa kembali nomornya;
          sertifikat yang sah selalu dapat diperiksa di halaman ini.
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>Sertifikat sah</PageTitle>
      <div class="certificate" role="group" aria-label="Rincian sertifikat">
        <dl class="facts">
          <dt>Nomor</dt>
          <dd class="code">{state.number}</dd>
          <dt>Nama</dt>
          <dd>{state.participantName ?? 'Nama telah dihapus atas permintaan pemiliknya'}</dd>
          <dt>Pelatihan</dt>
          <dd>{state.eventTitle}</dd>
          <dt>Tanggal</dt>
          <dd>{formatDay(state.eventDate)}</dd>
          <dt>Diterbitkan</dt>
          <dd>{formatDateTime(state.issuedAt)}</dd>
        </dl>
        <p>
          Sertifikat ini diterbitkan oleh Dinas Komunikasi dan Informatika Kabupaten Purbalingga dalam program Bangga
          Macapat.
        </p>
      </div>
    </>
  );
}
