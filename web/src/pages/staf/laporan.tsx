import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, Loading, Notice, PageTitle } from '../../components/ui';
import { saveBlob } from '../../download';
import { formatDay, jakartaToday } from '../../format';
import { REPORT_GROUPS } from '../../i18n/id';
import { RoleGate, STAFF_ROLES } from '../../require-role';
import { BarChart } from './bar-chart';

type Participation = components['schemas']['ParticipationReportDto'];
type Outcomes = components['schemas']['OutcomesReportDto'];
type GroupBy = Participation['groupBy'];
type Format = 'csv' | 'xlsx';

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat('id-ID');
const num = (v: number | null) => (v === null ? '–' : NUMBER.format(v));
const ci = (v: [number, number] | null | undefined) => (v ? `${NUMBER.format(v[0])} s.d. ${NUMBER.format(v[1])}` : '–');

// Colours from the app's palette that keep 3:1 against white and between neighbours.
const GREEN = '#1f6f43';
const BLUE = '#1d5fa8';
const AMBER = '#a15c00';

interface Range {
  groupBy: GroupBy;
  from: string;
  to: string;
}

const query = (r: Range, format?: Format) =>
  `groupBy=${r.groupBy}&from=${r.from}&to=${r.to}${format ? `&format=${format}` : ''}`;

/** A file of the same rows, fetched with the session (a plain link would carry no token). */
function DownloadLink(props: {
  path: string;
  range: Range;
  format: Format;
  children: string;
  onError: (m: string) => void;
}) {
  const href = `/api/v1${props.path}?${query(props.range, props.format)}`;
  const download = async (e: Event) => {
    e.preventDefault();
    try {
      const file = await api<{ blob: Blob; filename: string | null }>(
        'GET',
        `${props.path}?${query(props.range, props.format)}`,
        { file: true },
      );
      saveBlob(file.blob, file.filename ?? `laporan-${props.range.groupBy}.${props.format}`);
    } catch (err) {
      props.onError(errorMessage(err));
    }
  };
  return (
    <a class="button button--secondary" href={href} onClick={download}>
      {props.children}
    </a>
  );
}

function ParticipationSection({
  report,
  range,
  onError,
}: {
  report: Participation;
  range: Range;
  onError: (m: string) => void;
}) {
  const labels = report.rows.map((r) => r.label);
  const group = REPORT_GROUPS[report.groupBy] ?? report.groupBy;
  return (
    <section aria-labelledby="participation-title" class="report">
      <h2 id="participation-title">Partisipasi menurut {group.toLowerCase()}</h2>
      {report.rows.length === 0 ? (
        <p>Belum ada pelatihan pada rentang tanggal ini.</p>
      ) : (
        <figure class="chart" aria-labelledby="participation-chart-caption">
          <BarChart
            labels={labels}
            description={
              `Grafik batang pendaftaran, kehadiran dan peserta unik menurut ` +
              `${group.toLowerCase()}. Angkanya ada di tabel di bawah grafik.`
            }
            series={[
              { label: 'Pendaftaran', values: report.rows.map((r) => r.registrations), color: BLUE },
              { label: 'Hadir', values: report.rows.map((r) => r.attendees), color: GREEN },
              { label: 'Peserta unik', values: report.rows.map((r) => r.uniqueParticipants), color: AMBER },
            ]}
          />
          <figcaption id="participation-chart-caption">
            Grafik partisipasi menurut {group.toLowerCase()}, {formatDay(report.from)} – {formatDay(report.to)}
          </figcaption>
        </figure>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="participation-table-caption">
        <table class="report-table">
          <caption id="participation-table-caption">Tabel partisipasi menurut {group.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">{group}</th>
              <th scope="col">Kegiatan</th>
              <th scope="col">Pendaftaran</th>
              <th scope="col">Hadir</th>
              <th scope="col">Peserta unik</th>
              <th scope="col">Hadir unik</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.key ?? '—'}>
                <th scope="row">{r.label}</th>
                <td>{COUNT.format(r.events)}</td>
                <td>{COUNT.format(r.registrations)}</td>
                <td>{COUNT.format(r.attendees)}</td>
                <td>{COUNT.format(r.uniqueParticipants)}</td>
                <td>{COUNT.format(r.uniqueAttendees)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{COUNT.format(report.totals.events)}</td>
              <td>{COUNT.format(report.totals.registrations)}</td>
              <td>{COUNT.format(report.totals.attendees)}</td>
              <td>{COUNT.format(report.totals.uniqueParticipants)}</td>
              <td>{COUNT.format(report.totals.uniqueAttendees)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">Total dihitung tanpa ganda: peserta yang ada di dua baris dihitung sekali.</p>
      <div class="actions">
        <DownloadLink path="/reports/participation" range={range} format="csv" onError={onError}>
          Unduh CSV
        </DownloadLink>
        <DownloadLink path="/reports/participation" range={range} format="xlsx" onError={onError}>
          Unduh XLSX
        </DownloadLink>
      </div>
    </section>
  );
}

function OutcomesSection({ report, range, onError }: { report: Outcomes; range: Range; onError: (m: string) => void }) {
  const group = REPORT_GROUPS[report.groupBy] ?? report.groupBy;
  const t = report.totals;
  return (
    <section aria-labelledby="outcomes-title" class="report">
      <h2 id="outcomes-title">Hasil belajar menurut {group.toLowerCase()}</h2>
      <p class="hint">
        Nilai tes 0–100 dari peserta yang mengerjakan tes awal dan tes akhir (n). Peningkatan = tes akhir − tes awal,
        dengan selang kepercayaan 95 % (perlu n ≥ 2). Penilaian pelatihan 1–5.
      </p>
      {report.rows.length === 0 ? (
        <p>Belum ada tes atau penilaian pada rentang tanggal ini.</p>
      ) : (
        <figure class="chart" aria-labelledby="outcomes-chart-caption">
          <BarChart
            labels={report.rows.map((r) => r.label)}
            max={100}
            description={
              `Grafik batang rata-rata nilai tes awal dan tes akhir menurut ` +
              `${group.toLowerCase()}. Angkanya ada di tabel di bawah grafik.`
            }
            series={[
              { label: 'Rata-rata tes awal', values: report.rows.map((r) => r.meanPre), color: AMBER },
              { label: 'Rata-rata tes akhir', values: report.rows.map((r) => r.meanPost), color: GREEN },
            ]}
          />
          <figcaption id="outcomes-chart-caption">
            Grafik hasil belajar menurut {group.toLowerCase()}, {formatDay(report.from)} – {formatDay(report.to)}
          </figcaption>
        </figure>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="outcomes-table-caption">
        <table class="report-table">
          <caption id="outcomes-table-caption">Tabel hasil belajar menurut {group.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">{group}</th>
              <th scope="col">n</th>
              <th scope="col">Rata-rata tes awal</th>
              <th scope="col">Rata-rata tes akhir</th>
              <th scope="col">Peningkatan</th>
              <th scope="col">Selang kepercayaan 95 %</th>
              <th scope="col">Rata-rata penilaian</th>
              <th scope="col">Jumlah penilaian</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.key ?? '—'}>
                <th scope="row">{r.label}</th>
                <td>{COUNT.format(r.participantsWithBothTests)}</td>
                <td>{num(r.meanPre)}</td>
                <td>{num(r.meanPost)}</td>
                <td>{num(r.meanGain)}</td>
                <td>{ci(r.gainCi95 as [number, number] | null)}</td>
                <td>{num(r.meanRating)}</td>
                <td>{COUNT.format(r.ratings)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{COUNT.format(t.participantsWithBothTests)}</td>
              <td>{num(t.meanPre)}</td>
              <td>{num(t.meanPost)}</td>
              <td>{num(t.meanGain)}</td>
              <td>{ci(t.gainCi95 as [number, number] | null)}</td>
              <td>{num(t.meanRating)}</td>
              <td>{COUNT.format(t.ratings)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div class="actions">
        <DownloadLink path="/reports/outcomes" range={range} format="csv" onError={onError}>
          Unduh CSV hasil belajar
        </DownloadLink>
        <DownloadLink path="/reports/outcomes" range={range} format="xlsx" onError={onError}>
          Unduh XLSX hasil belajar
        </DownloadLink>
      </div>
    </section>
  );
}

function Reports() {
  const today = jakartaToday();
  const [range, setRange] = useState<Range>({ groupBy: 'pillar', from: `${today.slice(0, 4)}-01-01`, to: today });
  const [data, setData] = useState<{ range: Range; participation: Participation; outcomes: Outcomes } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const rangeError =
    range.from && range.to && range.from > range.to ? 'Tanggal akhir tidak boleh sebelum tanggal awal.' : undefined;

  useEffect(() => {
    document.title = 'Laporan · Bangga Macapat';
  }, []);

  useEffect(() => {
    if (!range.from || !range.to || rangeError) return;
    let current = true;
    setLoading(true);
    setError(null);
    Promise.all([
      api<Participation>('GET', `/reports/participation?${query(range)}`),
      api<Outcomes>('GET', `/reports/outcomes?${query(range)}`),
    ])
      .then(([participation, outcomes]) => current && setData({ range, participation, outcomes }))
      .catch((err) => current && setError(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [range.groupBy, range.from, range.to]);

  const set = (patch: Partial<Range>) => setRange((r) => ({ ...r, ...patch }));
  return (
    <>
      <PageTitle>Laporan</PageTitle>
      <form class="filters report-filters" onSubmit={(e) => e.preventDefault()}>
        <Field id="report-group" label="Kelompokkan menurut">
          {(a11y) => (
            <select
              {...a11y}
              value={range.groupBy}
              onChange={(e) => set({ groupBy: e.currentTarget.value as GroupBy })}
            >
              {Object.entries(REPORT_GROUPS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="report-dates">
          <Field id="report-from" label="Dari tanggal">
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                value={range.from}
                required
                onChange={(e) => set({ from: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="report-to" label="Sampai tanggal" error={rangeError}>
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                value={range.to}
                required
                onChange={(e) => set({ to: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
        <p class="hint">Menghitung pelatihan yang dimulai pada rentang tanggal ini (WIB), yang terbit atau selesai.</p>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {loading && <Loading label="Memuat laporan…" />}
      {data && (
        <div aria-busy={loading ? 'true' : 'false'}>
          <ParticipationSection report={data.participation} range={data.range} onError={setError} />
          <OutcomesSection report={data.outcomes} range={data.range} onError={setError} />
        </div>
      )}
    </>
  );
}

export function ReportsPage() {
  return <RoleGate roles={STAFF_ROLES}>{() => <Reports />}</RoleGate>;
}
