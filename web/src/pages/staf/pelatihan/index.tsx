import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../../api/client';
import type { Kecamatan, Page, Training } from '../../../api/types';
import { ConfirmDialog, Link, Loading, Notice, PageTitle } from '../../../components/ui';
import { formatRange, jakartaToday } from '../../../format';
import { EVENT_FIELD_MESSAGES, EVENT_STATUSES, FORMATS, PILLARS, STAFF_EVENT_FILTERS } from '../../../i18n/id';
import { kecamatanName, loadKecamatan } from '../../../regions';
import { RoleGate, STAFF_ROLES } from '../../../require-role';
import { Pager } from '../../../components/pager';
import { type Partner } from '../shared';
import { TrainingForm } from './training-form';

const PAGE_SIZE = 20;
type Filters = { status: string; pillar: string; q: string; past: boolean };
type Message = { kind: 'error' | 'success'; text: string };

export function StaffTrainingsPage() {
  return <RoleGate roles={STAFF_ROLES}>{() => <Trainings />}</RoleGate>;
}

const editable = (t: Training) => t.status === 'draft' || t.status === 'published';

function Trainings() {
  const [filters, setFilters] = useState<Filters>({ status: 'all', pillar: '', q: '', past: false });
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Page<Training> | null>(null);
  const [reloads, setReloads] = useState(0);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [partners, setPartners] = useState<Partner[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  // null: the list; 'new': the create form; a training: its edit form.
  const [editing, setEditing] = useState<Training | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<Training | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // After the form or the dialog closes, the control that opened it may be gone: keyboard and screen-reader
  // users restart at the title. An effect, so it runs after the dialog's own (which hands focus back first).
  const refocus = useRef(false);
  const focusTitle = () => {
    refocus.current = true;
  };
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    document.getElementById('page-title')?.focus();
  }, [editing, cancelling]);

  useEffect(() => {
    document.title = 'Kelola pelatihan · Bangga Macapat';
    loadKecamatan()
      .then(setKecamatan)
      .catch(() => undefined);
    api<Page<Partner>>('GET', '/partners?limit=100')
      .then((p) => setPartners(p.data))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === typed ? f : { ...f, q: typed })), 350);
    return () => clearTimeout(t);
  }, [typed]);

  useEffect(() => {
    let stale = false;
    const p = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE), status: filters.status });
    if (filters.q.trim()) p.set('q', filters.q.trim());
    if (filters.pillar) p.set('pillar', filters.pillar);
    // Finished trainings pile up: by default the list starts today, unless they are what was asked for.
    if (!filters.past && filters.status !== 'completed') p.set('from', `${jakartaToday()}T00:00:00+07:00`);
    setList(null);
    api<Page<Training>>('GET', `/events?${p}`)
      .then((res) => !stale && setList(res))
      .catch((err) => !stale && setMessage({ kind: 'error', text: errorMessage(err) }));
    return () => {
      stale = true;
    };
  }, [filters, page, reloads]);

  const filter = (change: Partial<Filters>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...change }));
  };

  const replace = (t: Training) => setList((l) => l && { ...l, data: l.data.map((x) => (x.id === t.id ? t : x)) });

  const publish = async (t: Training) => {
    setMessage(null);
    setBusy(t.id);
    try {
      replace(await api<Training>('POST', `/events/${t.id}/publish`));
      setMessage({
        kind: 'success',
        text: `“${t.title}” sudah diterbitkan dan tampil di halaman pelatihan untuk masyarakat.`,
      });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  if (editing) {
    return (
      <>
        <PageTitle>Kelola pelatihan</PageTitle>
        <TrainingForm
          training={editing === 'new' ? null : editing}
          kecamatan={kecamatan}
          partners={partners}
          onCancel={() => {
            setEditing(null);
            focusTitle();
          }}
          onSaved={(saved, created) => {
            setEditing(null);
            focusTitle();
            setMessage({
              kind: 'success',
              text: created
                ? `“${saved.title}” tersimpan sebagai draf. Tekan Terbitkan agar tampil untuk masyarakat.`
                : `Perubahan “${saved.title}” tersimpan.`,
            });
            // A new draft may sort onto any page of a long list: show it by its title, so the next step
            // (Terbitkan) is in view.
            if (created) {
              setTyped(saved.title);
              setFilters({ status: 'all', pillar: '', q: saved.title, past: true });
              setPage(1);
            }
            setReloads((n) => n + 1);
          }}
        />
      </>
    );
  }

  return (
    <>
      <PageTitle>Kelola pelatihan</PageTitle>
      <p class="lead">
        Semua pelatihan, termasuk draf dan yang dibatalkan. Buat, ubah, terbitkan, atau batalkan pelatihan di sini.
      </p>
      <div class="actions page-actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            setMessage(null);
            setEditing('new');
          }}
        >
          Buat pelatihan
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form class="filters" role="search" aria-label="Saring pelatihan" onSubmit={(e) => e.preventDefault()}>
        <div class="filter-row staff-filter-row">
          <div class="field">
            <label for="staf-status">Status</label>
            <select
              id="staf-status"
              value={filters.status}
              onChange={(e) => filter({ status: (e.target as HTMLSelectElement).value })}
            >
              {Object.entries(STAFF_EVENT_FILTERS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="staf-pilar">Pilar</label>
            <select
              id="staf-pilar"
              value={filters.pillar}
              onChange={(e) => filter({ pillar: (e.target as HTMLSelectElement).value })}
            >
              <option value="">Semua pilar</option>
              {Object.entries(PILLARS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="staf-q">Cari judul</label>
            <input
              id="staf-q"
              type="search"
              value={typed}
              onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
            />
          </div>
        </div>
        <div class="check">
          <input
            id="staf-past"
            type="checkbox"
            checked={filters.past}
            onChange={(e) => filter({ past: (e.target as HTMLInputElement).checked })}
          />
          <label for="staf-past">Tampilkan juga yang sudah lewat</label>
        </div>
      </form>

      {!list ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p>Tidak ada pelatihan yang cocok.</p>
      ) : (
        <>
          <p class="count" aria-live="polite">
            {list.meta.total} pelatihan
          </p>
          <ul class="cards">
            {list.data.map((t) => (
              <li key={t.id} class="card staff-training">
                <p class="badges">
                  <span class={`badge${t.status === 'published' ? '' : ' badge--muted'} status--${t.status}`}>
                    {EVENT_STATUSES[t.status]}
                  </span>{' '}
                  <span class="badge badge--muted">{PILLARS[t.pillar]}</span>
                </p>
                <h2>
                  <Link href={`/staf/pelatihan/${t.id}`} id={`training-${t.id}`}>
                    {t.title}
                  </Link>
                </h2>
                <p>{formatRange(t.startsAt, t.endsAt)}</p>
                <p>
                  {FORMATS[t.format]}
                  {t.venue ? ` · ${t.venue}` : ''}
                  {t.kecamatanCode ? ` · Kec. ${kecamatanName(kecamatan, t.kecamatanCode) ?? t.kecamatanCode}` : ''}
                </p>
                <p class="count">
                  {t.confirmedCount} dari {t.capacity} kursi terisi · {t.waitlistedCount} di daftar tunggu
                </p>
                {t.status === 'cancelled' && t.cancelReason && <p>Alasan dibatalkan: {t.cancelReason}</p>}
                {editable(t) && (
                  <div class="actions">
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-describedby={`training-${t.id}`}
                      onClick={() => {
                        setMessage(null);
                        setEditing(t);
                      }}
                    >
                      Ubah
                    </button>
                    {t.status === 'draft' && (
                      <button
                        type="button"
                        class="button"
                        aria-describedby={`training-${t.id}`}
                        disabled={busy === t.id}
                        onClick={() => publish(t)}
                      >
                        Terbitkan
                      </button>
                    )}
                    <button
                      type="button"
                      class="button button--danger"
                      aria-describedby={`training-${t.id}`}
                      onClick={() => {
                        setMessage(null);
                        setCancelling(t);
                      }}
                    >
                      Batalkan pelatihan
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          <Pager
            label="Halaman daftar pelatihan"
            page={page}
            limit={PAGE_SIZE}
            total={list.meta.total}
            onPage={setPage}
          />
        </>
      )}
      <CancelDialog
        training={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={(t) => {
          setCancelling(null);
          focusTitle();
          replace(t);
          setMessage({
            kind: 'success',
            text: `“${t.title}” dibatalkan. Semua pendaftaran aktif ikut dibatalkan dan peserta diberi tahu.`,
          });
        }}
      />
    </>
  );
}

/** Cancelling asks for the reason the API keeps and sends to the registered people. */
function CancelDialog(props: { training: Training | null; onClose: () => void; onCancelled: (t: Training) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setReason('');
    setError(null);
    setProblem(null);
  }, [props.training?.id]);
  const t = props.training;
  const confirm = async () => {
    if (!t || busy) return;
    setProblem(null);
    if (reason.trim().length < 3) return setError(EVENT_FIELD_MESSAGES.reason);
    setError(null);
    setBusy(true);
    try {
      props.onCancelled(await api<Training>('POST', `/events/${t.id}/cancel`, { body: { reason: reason.trim() } }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.reason) setError(EVENT_FIELD_MESSAGES.reason);
      else setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open={t !== null}
      title="Batalkan pelatihan ini?"
      confirmLabel="Ya, batalkan"
      onConfirm={confirm}
      onCancel={props.onClose}
    >
      <p>
        <strong>{t?.title}</strong> akan dibatalkan. Semua pendaftaran aktif ikut dibatalkan dan peserta diberi tahu
        alasannya. Pembatalan tidak bisa diurungkan.
      </p>
      {problem && <Notice kind="error">{problem}</Notice>}
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for="cancel-reason">Alasan pembatalan</label>
        <textarea
          id="cancel-reason"
          rows={3}
          maxLength={1000}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'cancel-reason-error' : undefined}
        />
        {error && (
          <p class="field-error" id="cancel-reason-error">
            {error}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}
