import { useEffect } from 'preact/hooks';
import { Link, PageTitle } from '../components/ui';

export function NotFoundPage({ what = 'Halaman tidak ditemukan' }: { what?: string }) {
  useEffect(() => {
    document.title = `${what} · Bangga Macapat`;
  }, [what]);
  return (
    <>
      <PageTitle>{what}</PageTitle>
      <p>Alamat ini tidak ada, belum diterbitkan, atau sudah dihapus.</p>
      <p>
        <Link href="/">Lihat daftar pelatihan</Link>
      </p>
    </>
  );
}
