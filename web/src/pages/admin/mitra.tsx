import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { Pager } from '../../components/pager';
import { ConfirmDialog, Field, Link, Loading, Notice, PageTitle } from '../../components/ui';
import { PARTNER_TYPE_LABELS } from '../../i18n/id';
import { RoleGate } from '../../require-role';
import {
  PAGE_SIZE,
  type Partner,
  type PartnerChangeBody,
  type PartnerType,
  query,
  type Refusal,
  refusal,
} from './shared';

const TYPES = Object.keys(PARTNER_TYPE_LABELS) as PartnerType[];

export function AdminPartnersPage() {
  useEffect(() => {
    document.title = 'Mitra · Bangga Macapat';
  }, []);
  return <RoleGate roles={['admin']}>{() => <Partners />}</RoleGate>;
}

function Partners() {
  const [q, setQ] = useState('');
  const [type, setType] = useState<PartnerType | ''>('');
  const [filter, setFilter] = useState<{ q: string; type: PartnerType | ''; page: number }>({
    q: '',
    type: '',
    page: 1,
  });
  const [list, setList] = useState<{ data: Partner[]; total: number } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<Partner | null>(null);

  const load = async () => {
    try {
      const res = await api<Page<Partner>>(
        'GET',
        `/partners${query({ q: filter.q, type: filter.type, page: filter.page, limit: PAGE_SIZE })}`,
      );
      setList({ data: res.data, total: res.meta.total });
    } catch (err) {
      setMessage({ kind: 'error', text: refusal(err).message });
    }
  };
  useEffect(() => {
    void load();
  }, [filter]);

  const search = (e: Event) => {
    e.preventDefault();
    setFilter({ q: q.trim(), type, page: 1 });
  };

  const created = (p: Partner) => {
    setMessage({ kind: 'success', text: `Mitra ${p.name} ditambahkan.` });
    setQ(p.name);
    setType('');
    setFilter({ q: p.name, type: '', page: 1 });
  };

  const setActive = async (p: Partner, isActive: boolean) => {
    setConfirming(null);
    setMessage(null);
    try {
      const saved = await api<Partner>('PATCH', `/partners/${p.id}`, {
        body: { isActive } satisfies PartnerChangeBody,
      });
      setMessage({
        kind: 'success',
        text: isActive ? `Mitra ${saved.name} aktif kembali.` : `Mitra ${saved.name} dinonaktifkan.`,
      });
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: refusal(err).message });
    }
  };

  return (
    <div class="admin">
      <PageTitle>Mitra</PageTitle>
      <p class="lead">Komunitas, lembaga dan perusahaan yang bekerja sama dalam Bangga Macapat.</p>
      <section class="card admin-form" aria-labelledby="new-partner-title">
        <h2 id="new-partner-title">Tambah mitra</h2>
        <PartnerForm idPrefix="new-partner" submitLabel="Simpan mitra" onSaved={created} />
      </section>

      <h2 class="admin-section-title">Daftar mitra</h2>
      <form class="filters" role="search" aria-label="Pencarian mitra" onSubmit={search}>
        <div class="admin-filter-row">
          <Field id="partner-q" label="Cari mitra" hint="Bagian dari nama">
            {(a) => <input {...a} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}
          </Field>
          <Field id="partner-type-filter" label="Saring jenis">
            {(a) => (
              <select {...a} value={type} onChange={(e) => setType(e.currentTarget.value as PartnerType | '')}>
                <option value="">Semua jenis</option>
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {PARTNER_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" class="button button--secondary">
          Cari
        </button>
      </form>

      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!list && !message && <Loading label="Memuat mitra…" />}
      {list && (
        <p class="count" role="status">
          {list.total === 0 ? 'Tidak ada mitra yang cocok.' : `${list.total} mitra`}
        </p>
      )}
      {list && list.data.length > 0 && (
        <ul class="cards admin-list">
          {list.data.map((p) => (
            <PartnerCard
              key={`${p.id}-${p.isActive}`}
              partner={p}
              onSaved={(saved) => {
                setMessage({ kind: 'success', text: `Perubahan mitra ${saved.name} disimpan.` });
                void load();
              }}
              onDeactivate={() => setConfirming(p)}
              onReactivate={() => setActive(p, true)}
            />
          ))}
        </ul>
      )}
      {list && (
        <Pager
          page={filter.page}
          total={list.total}
          label="Halaman daftar mitra"
          limit={PAGE_SIZE}
          onPage={(page) => setFilter({ ...filter, page })}
        />
      )}

      <ConfirmDialog
        open={confirming !== null}
        title="Nonaktifkan mitra?"
        confirmLabel="Nonaktifkan"
        onConfirm={() => confirming && setActive(confirming, false)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {confirming?.name} tidak lagi tampil di daftar mitra untuk umum. Data dan akun mitra tetap tersimpan, dan
          mitra dapat diaktifkan kembali.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function PartnerCard(props: {
  partner: Partner;
  onSaved: (p: Partner) => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const p = props.partner;
  const [editing, setEditing] = useState(false);
  const nameId = `partner-${p.id}-name`;
  return (
    <li class={`card admin-item${p.isActive ? '' : ' admin-item--inactive'}`}>
      <h3 id={nameId}>{p.name}</h3>
      <p class="badges">
        <span class="badge">{PARTNER_TYPE_LABELS[p.type]}</span>{' '}
        {!p.isActive && <span class="badge badge--off">Nonaktif</span>}
      </p>
      {editing ? (
        <PartnerForm
          idPrefix={`partner-${p.id}`}
          partner={p}
          submitLabel="Simpan perubahan"
          labelledBy={nameId}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            props.onSaved(saved);
          }}
        />
      ) : (
        <>
          {p.description && <p class="admin-text">{p.description}</p>}
          {(p.contactName || p.contactEmail || p.contactPhone) && (
            <p class="admin-wrap">
              Kontak: {[p.contactName, p.contactEmail, p.contactPhone].filter(Boolean).join(' · ')}
            </p>
          )}
          {p.website && (
            <p class="admin-wrap">
              <a href={p.website} rel="noopener noreferrer" target="_blank">
                {p.website}
              </a>
            </p>
          )}
          <div class="actions">
            <button
              type="button"
              class="button button--secondary"
              aria-describedby={nameId}
              onClick={() => setEditing(true)}
            >
              Ubah
            </button>
            {p.isActive ? (
              <button
                type="button"
                class="button button--danger"
                aria-describedby={nameId}
                onClick={props.onDeactivate}
              >
                Nonaktifkan
              </button>
            ) : (
              <button type="button" class="button" aria-describedby={nameId} onClick={props.onReactivate}>
                Aktifkan kembali
              </button>
            )}
            {p.isActive && (
              <Link class="admin-link" href={`/admin/pengguna${query({ mitra: p.id })}`}>
                Tambah akun mitra
              </Link>
            )}
            <Link class="admin-link" href={`/admin/audit${query({ jenis: 'partner', id: p.id })}`}>
              Riwayat mitra ini
            </Link>
          </div>
        </>
      )}
    </li>
  );
}

/** Creates a partner, or edits one: every field of the API's partner, empty text sent as "none". */
function PartnerForm(props: {
  idPrefix: string;
  partner?: Partner;
  submitLabel: string;
  labelledBy?: string;
  onSaved: (p: Partner) => void;
  onCancel?: () => void;
}) {
  const p = props.partner;
  const [name, setName] = useState(p?.name ?? '');
  const [type, setType] = useState<PartnerType>(p?.type ?? 'community');
  const [description, setDescription] = useState(p?.description ?? '');
  const [contactName, setContactName] = useState(p?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(p?.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(p?.contactPhone ?? '');
  const [website, setWebsite] = useState(p?.website ?? '');
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => `${props.idPrefix}-${field}`;
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = {
      name: name.trim(),
      type,
      description: orNull(description),
      contactName: orNull(contactName),
      contactEmail: orNull(contactEmail),
      contactPhone: orNull(contactPhone),
      website: orNull(website),
    } satisfies PartnerChangeBody;
    try {
      const saved = p
        ? await api<Partner>('PATCH', `/partners/${p.id}`, { body })
        : await api<Partner>('POST', '/partners', { body, idempotent: true });
      if (!p) {
        setName('');
        setDescription('');
        setContactName('');
        setContactEmail('');
        setContactPhone('');
        setWebsite('');
      }
      props.onSaved(saved);
    } catch (err) {
      setProblem(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  const f = problem?.fields ?? {};
  return (
    <form class="form admin-inline-form" onSubmit={submit} noValidate aria-labelledby={props.labelledBy}>
      {problem && <Notice kind="error">{problem.message}</Notice>}
      <Field id={id('name')} label="Nama mitra" error={f.name}>
        {(a) => <input {...a} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <Field id={id('type')} label="Jenis mitra" error={f.type}>
        {(a) => (
          <select {...a} value={type} onChange={(e) => setType(e.currentTarget.value as PartnerType)}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {PARTNER_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('description')} label="Deskripsi" error={f.description}>
        {(a) => <textarea {...a} rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <Field id={id('contact-name')} label="Nama kontak" error={f.contactName}>
        {(a) => (
          <input {...a} autoComplete="off" value={contactName} onInput={(e) => setContactName(e.currentTarget.value)} />
        )}
      </Field>
      <Field id={id('contact-email')} label="Email kontak" error={f.contactEmail}>
        {(a) => (
          <input
            {...a}
            type="email"
            inputMode="email"
            autoComplete="off"
            value={contactEmail}
            onInput={(e) => setContactEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={id('contact-phone')} label="Nomor HP kontak" error={f.contactPhone}>
        {(a) => (
          <input
            {...a}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={contactPhone}
            onInput={(e) => setContactPhone(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={id('website')} label="Situs web" hint="Lengkap dengan https://" error={f.website}>
        {(a) => (
          <input
            {...a}
            type="url"
            inputMode="url"
            autoComplete="off"
            value={website}
            onInput={(e) => setWebsite(e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="button button--secondary" onClick={props.onCancel}>
            Batal
          </button>
        )}
      </div>
    </form>
  );
}
