import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link, useOnline } from './components/ui';
import { HomePage } from './pages/index';
import { LoginPage } from './pages/masuk';
import { SignUpPage } from './pages/daftar';
import { NotFoundPage } from './pages/not-found';
import { TrainingPage } from './pages/pelatihan/[id]';
import { ProfilePage } from './pages/akun/profil';
import { TicketsPage } from './pages/akun/tiket';
import { NotificationsPage } from './pages/akun/pemberitahuan';
import { VerifyPage } from './pages/verifikasi/[number]';
import { lazyPage } from './lazy';
import { currentLocation, matchPath, navigate, onNavigate } from './router';
import { currentUser, logout, useSession } from './session';
import { refreshUnread, useUnreadCount } from './unread';
import type { Role } from './api/types';

// Role areas are fetched when opened (lazy.tsx): they must not weigh on the community's first page.
const StaffTrainingsPage = lazyPage(() => import('./pages/staf/pelatihan/index').then((m) => m.StaffTrainingsPage));
const StaffTrainingPage = lazyPage(() => import('./pages/staf/pelatihan/[id]').then((m) => m.StaffTrainingPage));
const ScannerPage = lazyPage(() => import('./pages/staf/pelatihan/[id]/pindai').then((m) => m.ScannerPage));
const StaffParticipantsPage = lazyPage(() => import('./pages/staf/peserta').then((m) => m.StaffParticipantsPage));
const ReportsPage = lazyPage(() => import('./pages/staf/laporan').then((m) => m.ReportsPage));
const StaffStudioPage = lazyPage(() => import('./pages/staf/studio').then((m) => m.StaffStudioPage));
const PartnerStudioPage = lazyPage(() => import('./pages/mitra/studio').then((m) => m.PartnerStudioPage));
const AdminUsersPage = lazyPage(() => import('./pages/admin/pengguna').then((m) => m.AdminUsersPage));
const AdminPartnersPage = lazyPage(() => import('./pages/admin/mitra').then((m) => m.AdminPartnersPage));
const AdminAuditPage = lazyPage(() => import('./pages/admin/audit').then((m) => m.AdminAuditPage));
const QuestionSetsPage = lazyPage(() => import('./pages/staf/soal').then((m) => m.QuestionSetsPage));
const AttendanceCodePage = lazyPage(() =>
  import('./pages/staf/pelatihan/[id]/kode-hadir').then((m) => m.AttendanceCodePage),
);
const QuizPage = lazyPage(() => import('./pages/akun/tes').then((m) => m.QuizPage));
const EvaluationPage = lazyPage(() => import('./pages/akun/penilaian').then((m) => m.EvaluationPage));

const ROUTES: [string, (params: Record<string, string>) => ComponentChildren][] = [
  ['/', () => <HomePage />],
  ['/pelatihan/:id', (p) => <TrainingPage id={p.id} />],
  ['/masuk', () => <LoginPage />],
  ['/daftar', () => <SignUpPage />],
  ['/akun/profil', () => <ProfilePage />],
  ['/akun/tiket', () => <TicketsPage />],
  ['/akun/pemberitahuan', () => <NotificationsPage />],
  ['/verifikasi/:number', (p) => <VerifyPage number={p.number} />],
  ['/staf/pelatihan', () => <StaffTrainingsPage />],
  ['/staf/pelatihan/:id', (p) => <StaffTrainingPage id={p.id} />],
  ['/staf/pelatihan/:id/pindai', (p) => <ScannerPage id={p.id} />],
  ['/staf/peserta', () => <StaffParticipantsPage />],
  ['/staf/laporan', () => <ReportsPage />],
  ['/staf/studio', () => <StaffStudioPage />],
  ['/mitra/studio', () => <PartnerStudioPage />],
  ['/admin/pengguna', () => <AdminUsersPage />],
  ['/admin/mitra', () => <AdminPartnersPage />],
  ['/admin/audit', () => <AdminAuditPage />],
  ['/staf/soal', () => <QuestionSetsPage />],
  ['/staf/pelatihan/:id/kode-hadir', (p) => <AttendanceCodePage id={p.id} />],
  ['/akun/tes/:eventId/:phase', (p) => <QuizPage eventId={p.eventId} phase={p.phase} />],
  ['/akun/penilaian/:eventId', (p) => <EvaluationPage eventId={p.eventId} />],
];

function route(path: string): ComponentChildren {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return render(params);
  }
  return <NotFoundPage />;
}

/** One navigation per signed-in role (ui-contract "Everywhere"): the pages that role can use. */
function roleLinks(role: Role): [string, string][] {
  const staff: [string, string][] = [
    ['/staf/pelatihan', 'Kelola pelatihan'],
    ['/staf/peserta', 'Peserta'],
    ['/staf/laporan', 'Laporan'],
    ['/staf/soal', 'Soal tes'],
    ['/staf/studio', 'Studio'],
  ];
  switch (role) {
    case 'participant':
      return [
        ['/akun/tiket', 'Tiket saya'],
        ['/akun/profil', 'Profil'],
      ];
    case 'partner':
      return [['/mitra/studio', 'Jadwal studio']];
    case 'staff':
      return staff;
    case 'admin':
      return [...staff, ['/admin/pengguna', 'Pengguna'], ['/admin/mitra', 'Mitra'], ['/admin/audit', 'Audit']];
  }
}

export function App() {
  const [location, setLocation] = useState(currentLocation());
  const session = useSession();
  const online = useOnline();
  useEffect(() => onNavigate(() => setLocation(currentLocation())), []);
  // After a navigation (not the first load), move focus to the new page's title for screen-reader users.
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (first) return setFirst(false);
    const title = document.getElementById('page-title');
    title?.focus();
  }, [location.path]);

  const user = session.user;
  const unread = useUnreadCount();
  // The unread count follows the person around: asked for on navigation and when the app is looked at
  // again, at most once a minute (unread.ts); a different user (or none) is asked for at once.
  useEffect(() => {
    if (session.status === 'ready') void refreshUnread(user?.id ?? null);
  }, [session.status, user?.id, location.path]);
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') void refreshUnread(currentUser()?.id ?? null);
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, []);
  const signOut = async () => {
    await logout();
    navigate('/');
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Langsung ke isi
      </a>
      <header class="site-header">
        <Link href="/" class="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span>Bangga Macapat</span>
        </Link>
        <nav aria-label="Menu utama">
          <ul>
            <li>
              <Link href="/" aria-current={location.path === '/' ? 'page' : undefined}>
                Pelatihan
              </Link>
            </li>
            {user ? (
              <>
                {roleLinks(user.role).map(([href, label]) => (
                  <li key={href}>
                    <Link href={href} aria-current={location.path === href ? 'page' : undefined}>
                      {label}
                    </Link>
                  </li>
                ))}
                <li>
                  <Link
                    href="/akun/pemberitahuan"
                    aria-current={location.path === '/akun/pemberitahuan' ? 'page' : undefined}
                  >
                    Pemberitahuan
                    {unread > 0 && (
                      <>
                        <span class="nav-count" aria-hidden="true">
                          {unread > 99 ? '99+' : unread}
                        </span>
                        <span class="visually-hidden"> ({unread} belum dibaca)</span>
                      </>
                    )}
                  </Link>
                </li>
                <li>
                  <button type="button" class="link-button" onClick={signOut}>
                    Keluar
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link href="/masuk" aria-current={location.path === '/masuk' ? 'page' : undefined}>
                    Masuk
                  </Link>
                </li>
                <li>
                  <Link href="/daftar" aria-current={location.path === '/daftar' ? 'page' : undefined}>
                    Daftar akun
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      {!online && (
        <div class="offline-banner" role="status">
          Anda sedang luring (tanpa internet). Halaman yang sudah dibuka tetap bisa dilihat; perubahan baru bisa dikirim
          setelah koneksi kembali.
        </div>
      )}
      {/* Pages render at once (public ones need no session); account pages wait for the session themselves. */}
      <main id="main">{route(location.path)}</main>
      <footer class="site-footer">
        <p>
          Gerakan Kabupaten Purbalingga Makin Cakap Digital · Dinas Komunikasi dan Informatika Kabupaten Purbalingga
        </p>
      </footer>
    </>
  );
}
