import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../../api/client';
import type { Kecamatan, Page, Training } from '../../../api/types';
import { Link, Loading, Notice, PageTitle } from '../../../components/ui';
import { formatDateTime, formatRange, jakartaToday } from '../../../format';
import { EVENT_STATUSES, FORMATS, PILLARS } from '../../../i18n/id';
import { kecamatanName, loadKecamatan } from '../../../regions';
import { RoleGate, STAFF_ROLES } from '../../../require-role';
import { NotFoundPage } from '../../not-found';
import { Pager } from '../../../components/pager';
import { type Attendance, DownloadLink, type EventRegistration } from '../shared';

const PAGE_SIZE = 50;

export function StaffTrainingPage({ id }: { id: string }) {
  return <RoleGate roles={STAFF_ROLES}>{() => <TrainingRegistrations id={id} />}</RoleGate>;
}

function TrainingRegistrations({ id }: { id: string }) {
  const [training, setTraining] = useState<Training | null | 'missing'>(null);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTraining(null);
    api<Training>('GET', `/events/${encodeURIComponent(id)}`)
      .then((t) => {
        setTraining(t);
        document.title = `Pendaftar: ${t.title} · Bangga Macapat`;
      })
      .catch((err) =>
        err instanceof ApiError && (err.status === 404 || err.status === 400)
          ? setTraining('missing')
          : setError(errorMessage(err)),
      );
    loadKecamatan()
      .then(setKecamatan)
      .catch(() => undefined);
  }, [id]);

  if (training === 'missing') return <NotFoundPage />;
  if (!training) return error ? <Notice kind="error">{error}</Notice> : <Loading />;

  const t = training;
  const day = jakartaToday(new Date(t.startsAt));
  const place = [
    t.venue,
    t.kecamatanCode ? `Kec. ${kecamatanName(kecamatan, t.kecamatanCode) ?? t.kecamatanCode}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <p class="breadcrumb">
        <Link href="/staf/pelatihan">← Kelola pelatihan</Link>
      </p>
      <PageTitle>{t.title}</PageTitle>
      <p class="badges">
        <span class={`badge${t.status === 'published' ? '' : ' badge--muted'}`}>{EVENT_STATUSES[t.status]}</span>{' '}
        <span class="badge badge--muted">{PILLARS[t.pillar]}</span>
      </p>
      <dl class="facts">
        <dt>Waktu</dt>
        <dd>{formatRange(t.startsAt as string, t.endsAt as string)}</dd>
        <dt>Bentuk</dt>
        <dd>{FORMATS[t.format]}</dd>
        {place && (
          <>
            <dt>Tempat</dt>
            <dd>{place}</dd>
          </>
        )}
        {t.status === 'cancelled' && t.cancelReason && (
          <>
            <dt>Alasan dibatalkan</dt>
            <dd>{t.cancelReason}</dd>
          </>
        )}
      </dl>
      {error && <Notice kind="error">{error}</Notice>}
      <nav class="actions staff-links" aria-label="Tindakan pelatihan">
        <Link href={`/staf/pelatihan/${t.id}/pindai`} class="button">
          Buka pemindai
        </Link>
        {t.format !== 'offline' && (
          <Link href={`/staf/pelatihan/${t.id}/kode-hadir`} class="button button--secondary">
            Kode hadir
          </Link>
        )}
        <DownloadLink
          path={`/events/${t.id}/attendance?format=csv`}
          fallbackName={`daftar-hadir-${day}.csv`}
          onError={setError}
          class="button button--secondary"
        >
          Unduh CSV
        </DownloadLink>
        <DownloadLink
          path={`/events/${t.id}/attendance?format=xlsx`}
          fallbackName={`daftar-hadir-${day}.xlsx`}
          onError={setError}
          class="button button--secondary"
        >
          Unduh XLSX
        </DownloadLink>
      </nav>
      <Confirmed id={t.id} onError={setError} />
      <ByStatus id={t.id} status="waitlisted" title="Daftar tunggu" empty="Tidak ada yang menunggu." />
      <ByStatus
        id={t.id}
        status="cancelled"
        title="Pendaftaran dibatalkan"
        empty="Tidak ada pendaftaran yang dibatalkan."
      />
    </>
  );
}

/** The summary and the confirmed registrations with their attendance (GET /events/:id/attendance). */
function Confirmed({ id, onError }: { id: string; onError: (m: string) => void }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Attendance | null>(null);
  useEffect(() => {
    let stale = false;
    api<Attendance>('GET', `/events/${id}/attendance?page=${page}&limit=${PAGE_SIZE}`)
      .then((a) => !stale && setData(a))
      .catch((err) => !stale && onError(errorMessage(err)));
    return () => {
      stale = true;
    };
  }, [id, page]);
  if (!data) return <Loading />;
  const s = data.summary;
  const rate = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }).format(s.attendanceRate);
  return (
    <>
      <section aria-labelledby="ringkasan">
        <h2 id="ringkasan">Ringkasan kehadiran</h2>
        <dl class="summary">
          <div>
            <dt>Terdaftar</dt>
            <dd>{s.confirmed}</dd>
          </div>
          <div>
            <dt>Hadir</dt>
            <dd>{s.attended}</dd>
          </div>
          <div>
            <dt>Daftar tunggu</dt>
            <dd>{s.waitlisted}</dd>
          </div>
          <div>
            <dt>Dibatalkan</dt>
            <dd>{s.cancelled}</dd>
          </div>
          <div>
            <dt>Kuota</dt>
            <dd>{s.capacity}</dd>
          </div>
          <div>
            <dt>Belum hadir</dt>
            <dd>{s.noShows}</dd>
          </div>
          <div>
            <dt>Datang langsung</dt>
            <dd>{s.walkIns}</dd>
          </div>
          <div>
            <dt>Tingkat kehadiran</dt>
            <dd>{rate}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="terdaftar">
        <h2 id="terdaftar">Peserta terdaftar ({data.meta.total})</h2>
        {data.data.length === 0 ? (
          <p>Belum ada peserta terdaftar.</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="terdaftar" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">No</th>
                  <th scope="col">Nama</th>
                  <th scope="col">NIK</th>
                  <th scope="col">Kode tiket</th>
                  <th scope="col">Kehadiran</th>
                </tr>
              </thead>
              <tbody>
                {data.data.map((r, i) => (
                  <tr key={r.registrationId}>
                    <td>{(page - 1) * PAGE_SIZE + i + 1}</td>
                    <th scope="row">{r.fullName}</th>
                    <td class="code-cell">{r.nikMasked ?? '—'}</td>
                    <td class="code-cell">{r.ticketCode}</td>
                    <td>
                      {r.attended && r.checkedInAt
                        ? `Hadir, ${formatDateTime(r.checkedInAt as string)}`
                        : 'Belum hadir'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          label="Halaman peserta terdaftar"
          page={page}
          limit={PAGE_SIZE}
          total={data.meta.total}
          onPage={setPage}
        />
      </section>
    </>
  );
}

/** Waitlisted (in queue order, with positions) or cancelled registrations (GET /events/:id/registrations?status=). */
function ByStatus(props: { id: string; status: 'waitlisted' | 'cancelled'; title: string; empty: string }) {
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Page<EventRegistration> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    api<Page<EventRegistration>>(
      'GET',
      `/events/${props.id}/registrations?status=${props.status}&page=${page}&limit=${PAGE_SIZE}`,
    )
      .then((l) => !stale && setList(l))
      .catch((err) => !stale && setError(errorMessage(err)));
    return () => {
      stale = true;
    };
  }, [props.id, page]);
  const headingId = `status-${props.status}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {props.title}
        {list ? ` (${list.meta.total})` : ''}
      </h2>
      {error && <Notice kind="error">{error}</Notice>}
      {!list ? (
        !error && <Loading />
      ) : list.data.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table>
            <thead>
              <tr>
                {props.status === 'waitlisted' && <th scope="col">Urutan</th>}
                <th scope="col">Nama</th>
                <th scope="col">Kode tiket</th>
                <th scope="col">{props.status === 'waitlisted' ? 'Mendaftar' : 'Dibatalkan'}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  {props.status === 'waitlisted' && <td>{r.waitlistPosition}</td>}
                  <th scope="row">{r.participantName}</th>
                  <td class="code-cell">{r.ticketCode}</td>
                  <td>
                    {formatDateTime(
                      (props.status === 'waitlisted' ? r.createdAt : (r.cancelledAt ?? r.createdAt)) as string,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && (
        <Pager
          label={`Halaman ${props.title.toLowerCase()}`}
          page={page}
          limit={PAGE_SIZE}
          total={list.meta.total}
          onPage={setPage}
        />
      )}
    </section>
  );
}
