import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Kecamatan, Page } from '../../api/types';
import {
  isMinor,
  participantBody,
  ParticipantFields,
  type ParticipantFieldValues,
} from '../../components/participant-fields';
import { Field, Loading, Notice, PageTitle } from '../../components/ui';
import { OCCUPATIONS, STAFF_CONSENT_TEXT, STAFF_PARTICIPANT_FIELD_MESSAGES } from '../../i18n/id';
import { kecamatanName, loadKecamatan } from '../../regions';
import { RoleGate, STAFF_ROLES } from '../../require-role';
import { Pager } from '../../components/pager';
import { fieldErrors, type Participant, type ParticipantBody } from './shared';

const PAGE_SIZE = 20;

export function StaffParticipantsPage() {
  return <RoleGate roles={STAFF_ROLES}>{() => <Participants />}</RoleGate>;
}

function Participants() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [kecamatanCode, setKecamatanCode] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Page<Participant> | null>(null);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Participant | null>(null);

  useEffect(() => {
    document.title = 'Peserta · Bangga Macapat';
    loadKecamatan()
      .then(setKecamatan)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      if (typed !== q) {
        setPage(1);
        setQ(typed);
      }
    }, 350);
    return () => clearTimeout(t);
  }, [typed]);

  useEffect(() => {
    if (adding) return;
    let stale = false;
    const p = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE) });
    // A NIK is typed with spaces or dots as often as without; the API matches the 16 digits exactly.
    const term = /^[\d\s.]{16,}$/.test(q.trim()) ? q.replace(/[\s.]/g, '') : q.trim();
    if (term) p.set('q', term);
    if (kecamatanCode) p.set('kecamatanCode', kecamatanCode);
    setError(null);
    setList(null);
    api<Page<Participant>>('GET', `/participants?${p}`)
      .then((res) => !stale && setList(res))
      .catch((err) => !stale && setError(errorMessage(err)));
    return () => {
      stale = true;
    };
  }, [q, kecamatanCode, page, adding]);

  if (adding) {
    return (
      <>
        <PageTitle>Peserta</PageTitle>
        <AddParticipant
          kecamatan={kecamatan}
          onCancel={() => {
            setAdding(false);
            requestAnimationFrame(() => document.getElementById('page-title')?.focus());
          }}
          onAdded={(p) => {
            setAdded(p);
            setAdding(false);
            requestAnimationFrame(() => document.getElementById('page-title')?.focus());
            setTyped(p.fullName);
            setQ(p.fullName);
            setKecamatanCode('');
            setPage(1);
          }}
        />
      </>
    );
  }

  return (
    <>
      <PageTitle>Peserta</PageTitle>
      <p class="lead">
        Cari peserta dengan nama, nomor HP, atau NIK lengkap. Tambahkan orang yang tidak punya akun, misalnya peserta
        yang datang langsung.
      </p>
      <div class="actions page-actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            setAdded(null);
            setAdding(true);
          }}
        >
          Tambah peserta
        </button>
      </div>
      {added && <Notice kind="success">{added.fullName} sudah ditambahkan sebagai peserta.</Notice>}
      <form
        class="filters"
        role="search"
        aria-label="Pencarian peserta"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setQ(typed);
        }}
      >
        <div class="filter-row participant-filter-row">
          <Field id="cari-peserta" label="Cari peserta" hint="Nama, nomor HP (08…), atau NIK 16 angka">
            {(a) => (
              <input
                {...a}
                type="search"
                value={typed}
                onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <Field id="filter-kecamatan" label="Kecamatan">
            {(a) => (
              <select
                {...a}
                value={kecamatanCode}
                onChange={(e) => {
                  setPage(1);
                  setKecamatanCode((e.target as HTMLSelectElement).value);
                }}
              >
                <option value="">Semua kecamatan</option>
                {kecamatan.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {!list ? (
        !error && <Loading />
      ) : list.data.length === 0 ? (
        <p>{q.trim() || kecamatanCode ? 'Tidak ada peserta yang cocok.' : 'Belum ada peserta.'}</p>
      ) : (
        <>
          <p class="count" aria-live="polite">
            {list.meta.total} peserta
          </p>
          <ul class="cards">
            {list.data.map((p) => (
              <li key={p.id} class="card">
                <h2 class="person-name">{p.fullName}</h2>
                <dl class="facts facts--compact">
                  <dt>NIK</dt>
                  <dd class="code-cell">{p.nikMasked ?? 'Tidak ada'}</dd>
                  <dt>Nomor HP</dt>
                  <dd>{p.phone ?? '—'}</dd>
                  <dt>Alamat</dt>
                  <dd>
                    {[p.village, `Kec. ${kecamatanName(kecamatan, p.kecamatanCode) ?? p.kecamatanCode}`]
                      .filter(Boolean)
                      .join(', ')}
                  </dd>
                  <dt>Pekerjaan</dt>
                  <dd>{OCCUPATIONS[p.occupation]}</dd>
                  <dt>Akun</dt>
                  <dd>{p.userId ? 'Punya akun' : 'Tanpa akun (didaftarkan petugas)'}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <Pager
            label="Halaman daftar peserta"
            page={page}
            limit={PAGE_SIZE}
            total={list.meta.total}
            onPage={setPage}
          />
        </>
      )}
    </>
  );
}

type Form = ParticipantFieldValues & { nik: string; email: string; hasDisability: boolean };

const EMPTY: Form = {
  fullName: '',
  nik: '',
  birthDate: '',
  gender: '',
  phone: '',
  email: '',
  kecamatanCode: '',
  village: '',
  occupation: '',
  hasDisability: false,
  consent: false,
  guardianName: '',
  guardianConsent: false,
};

/** POST /participants: a person without an account, with their own consent given to the staff member. */
function AddParticipant(props: { kecamatan: Kecamatan[]; onAdded: (p: Participant) => void; onCancel: () => void }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const minor = isMinor(form.birthDate);
  const set = (key: keyof Form) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setForm({ ...form, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    setFields({});
    const body: ParticipantBody = {
      ...participantBody(form),
      email: form.email.trim() || null,
      hasDisability: form.hasDisability,
    };
    try {
      props.onAdded(await api<Participant>('POST', '/participants', { body, idempotent: true }));
    } catch (err) {
      setProblem(errorMessage(err));
      const found = fieldErrors(err, STAFF_PARTICIPANT_FIELD_MESSAGES);
      if (err instanceof ApiError && err.code === 'nik_taken') found.nik = STAFF_PARTICIPANT_FIELD_MESSAGES.nik_taken;
      // The API names only the consent when a minor's guardian is missing: point at the empty name too.
      if (minor && !form.guardianName.trim() && err instanceof ApiError && err.status === 400)
        found.guardianName = STAFF_PARTICIPANT_FIELD_MESSAGES.guardianName;
      setFields(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title" tabIndex={-1} ref={heading}>
        Tambah peserta tanpa akun
      </h2>
      {problem && <Notice kind="error">{problem}</Notice>}
      <form class="form staff-form" onSubmit={save} noValidate>
        <ParticipantFields
          values={form}
          onField={(key, value) => setForm({ ...form, [key]: value })}
          errors={fields}
          kecamatan={props.kecamatan}
          minor={minor}
          nikHint="16 angka sesuai KTP atau Kartu Keluarga; boleh dikosongkan. Disimpan terenkripsi."
          phoneHint="Contoh: 081234567890"
          consentText={STAFF_CONSENT_TEXT}
          consentLabel="Peserta setuju"
          afterPhone={
            <Field id="email" label="Email (boleh dikosongkan)" error={fields.email}>
              {(a) => <input {...a} type="email" autoComplete="off" value={form.email} onInput={set('email')} />}
            </Field>
          }
          afterOccupation={
            <div class="check">
              <input id="hasDisability" type="checkbox" checked={form.hasDisability} onChange={set('hasDisability')} />
              <label for="hasDisability">Penyandang disabilitas</label>
            </div>
          }
        />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            Simpan peserta
          </button>
          <button type="button" class="button button--secondary" onClick={props.onCancel}>
            Batal
          </button>
        </div>
      </form>
    </section>
  );
}
