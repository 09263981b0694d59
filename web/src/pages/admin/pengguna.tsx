import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Page, Role, User } from '../../api/types';
import { Pager } from '../../components/pager';
import { ConfirmDialog, Field, Link, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../format';
import { ROLE_LABELS } from '../../i18n/id';
import { RoleGate } from '../../require-role';
import { currentLocation } from '../../router';
import {
  type AdminUser,
  allPartners,
  type NewUserBody,
  PAGE_SIZE,
  type Partner,
  query,
  type Refusal,
  refusal,
  type UserChangeBody,
} from './shared';

const ROLES = Object.keys(ROLE_LABELS) as Role[];
/** Admins open accounts for the regency's staff and for partners; citizens sign up themselves. */
const CREATABLE: Role[] = ['staff', 'partner', 'admin'];

export function AdminUsersPage() {
  useEffect(() => {
    document.title = 'Pengguna · Bangga Macapat';
  }, []);
  return <RoleGate roles={['admin']}>{(me) => <Users me={me} />}</RoleGate>;
}

function Users({ me }: { me: User }) {
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [filter, setFilter] = useState<{ q: string; role: Role | ''; page: number }>({ q: '', role: '', page: 1 });
  const [list, setList] = useState<{ data: AdminUser[]; total: number } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<AdminUser | null>(null);

  useEffect(() => {
    allPartners().then(setPartners, () => setPartners([]));
  }, []);

  const load = async () => {
    try {
      const res = await api<Page<AdminUser>>(
        'GET',
        `/users${query({ q: filter.q, role: filter.role, page: filter.page, limit: PAGE_SIZE })}`,
      );
      setList({ data: res.data, total: res.meta.total });
    } catch (err) {
      setMessage({ kind: 'error', text: refusal(err).message });
    }
  };
  useEffect(() => {
    void load();
  }, [filter]);

  const partnerName = (id: string | null) => (id ? (partners?.find((p) => p.id === id)?.name ?? 'Mitra') : null);

  const search = (e: Event) => {
    e.preventDefault();
    setFilter({ q: q.trim(), role, page: 1 });
  };

  const created = (u: AdminUser) => {
    setMessage({ kind: 'success', text: `Akun ${u.fullName} (${u.email}) dibuat.` });
    // Show the new account at once: the list is in creation order, so it would be on the last page.
    setQ(u.email);
    setRole('');
    setFilter({ q: u.email, role: '', page: 1 });
  };

  const setActive = async (u: AdminUser, isActive: boolean) => {
    setConfirming(null);
    setMessage(null);
    try {
      const saved = await api<AdminUser>('PATCH', `/users/${u.id}`, { body: { isActive } satisfies UserChangeBody });
      setMessage({
        kind: 'success',
        text: isActive
          ? `Akun ${saved.fullName} aktif kembali.`
          : `Akun ${saved.fullName} dinonaktifkan. Ia tidak dapat masuk lagi.`,
      });
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: refusal(err).message });
    }
  };

  return (
    <div class="admin">
      <PageTitle>Pengguna</PageTitle>
      <p class="lead">Akun petugas, admin, mitra dan peserta: buat akun, ubah peran, nonaktifkan.</p>
      <NewUser partners={partners} onCreated={created} />

      <h2 class="admin-section-title">Daftar akun</h2>
      <form class="filters" role="search" aria-label="Pencarian akun" onSubmit={search}>
        <div class="admin-filter-row">
          <Field id="user-q" label="Cari pengguna" hint="Nama atau email">
            {(a) => <input {...a} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}
          </Field>
          <Field id="user-role-filter" label="Saring peran">
            {(a) => (
              <select {...a} value={role} onChange={(e) => setRole(e.currentTarget.value as Role | '')}>
                <option value="">Semua peran</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
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
      {!list && !message && <Loading label="Memuat akun…" />}
      {list && (
        <p class="count" role="status">
          {list.total === 0 ? 'Tidak ada akun yang cocok.' : `${list.total} akun`}
        </p>
      )}
      {list && list.data.length > 0 && (
        <ul class="cards admin-list">
          {list.data.map((u) => (
            <UserCard
              key={u.id}
              user={u}
              self={u.id === me.id}
              partners={partners}
              partnerName={partnerName(u.partnerId)}
              onChanged={(text) => {
                setMessage({ kind: 'success', text });
                void load();
              }}
              onDeactivate={() => setConfirming(u)}
              onReactivate={() => setActive(u, true)}
            />
          ))}
        </ul>
      )}
      {list && (
        <Pager
          page={filter.page}
          total={list.total}
          label="Halaman daftar akun"
          limit={PAGE_SIZE}
          onPage={(page) => setFilter({ ...filter, page })}
        />
      )}

      <ConfirmDialog
        open={confirming !== null}
        title="Nonaktifkan akun?"
        confirmLabel="Nonaktifkan"
        onConfirm={() => confirming && setActive(confirming, false)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {confirming?.fullName} ({confirming?.email}) tidak akan dapat masuk lagi, dan sesi yang sedang terbuka
          berakhir. Akun dapat diaktifkan kembali kapan saja.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function PartnerSelect(props: {
  id: string;
  partners: Partner[] | null;
  value: string;
  error?: string;
  onChange: (id: string) => void;
}) {
  const active = (props.partners ?? []).filter((p) => p.isActive || p.id === props.value);
  return (
    <Field id={props.id} label="Mitra" error={props.error}>
      {(a) => (
        <select
          {...a}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          disabled={!props.partners}
        >
          <option value="">{props.partners ? 'Pilih mitra' : 'Memuat mitra…'}</option>
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function NewUser({ partners, onCreated }: { partners: Partner[] | null; onCreated: (u: AdminUser) => void }) {
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(() => (currentLocation().query.get('mitra') ? 'partner' : 'staff'));
  // Coming from a partner's card (/admin/mitra): that partner is chosen already.
  const [partnerId, setPartnerId] = useState(() => currentLocation().query.get('mitra') ?? '');
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: NewUserBody = {
      fullName: fullName.trim(),
      email: email.trim(),
      password,
      role,
      ...(role === 'partner' && partnerId ? { partnerId } : {}),
    };
    try {
      const user = await api<AdminUser>('POST', '/users', { body, idempotent: true });
      setFullName('');
      setEmail('');
      setPassword('');
      onCreated(user);
    } catch (err) {
      setProblem(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  const f = problem?.fields ?? {};
  return (
    <section class="card admin-form" aria-labelledby="new-user-title">
      <h2 id="new-user-title">Tambah akun</h2>
      <form class="form" onSubmit={submit} noValidate>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        <Field id="new-user-name" label="Nama lengkap" error={f.fullName}>
          {(a) => (
            <input {...a} autoComplete="off" value={fullName} onInput={(e) => setFullName(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="new-user-email" label="Email" error={f.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="new-user-password"
          label="Kata sandi awal"
          hint="Minimal 8 karakter. Sampaikan langsung kepada pemilik akun."
          error={f.password}
        >
          {(a) => (
            <input
              {...a}
              type="text"
              autoComplete="new-password"
              spellcheck={false}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="new-user-role" label="Peran" error={f.role}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {CREATABLE.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'partner' && (
          <PartnerSelect
            id="new-user-partner"
            partners={partners}
            value={partnerId}
            error={f.partnerId}
            onChange={setPartnerId}
          />
        )}
        <button type="submit" class="button" disabled={busy}>
          Buat akun
        </button>
      </form>
    </section>
  );
}

function UserCard(props: {
  user: AdminUser;
  self: boolean;
  partners: Partner[] | null;
  partnerName: string | null;
  onChanged: (text: string) => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const u = props.user;
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(u.role);
  const [partnerId, setPartnerId] = useState(u.partnerId ?? '');
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = `user-${u.id}-name`;

  const saveRole = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: UserChangeBody = { role, ...(role === 'partner' ? { partnerId: partnerId || null } : {}) };
    try {
      const saved = await api<AdminUser>('PATCH', `/users/${u.id}`, { body });
      setEditing(false);
      props.onChanged(`Peran ${saved.fullName} sekarang ${ROLE_LABELS[saved.role]}.`);
    } catch (err) {
      setProblem(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  const f = problem?.fields ?? {};
  const inactiveBadge = !u.isActive && <span class="badge badge--off">Nonaktif</span>;
  return (
    <li class={`card admin-item${u.isActive ? '' : ' admin-item--inactive'}`}>
      <h3 id={nameId}>{u.fullName}</h3>
      <p class="badges">
        <span class="badge">{ROLE_LABELS[u.role]}</span> {inactiveBadge}{' '}
        {props.self && <span class="badge badge--muted">Akun Anda</span>}
      </p>
      <p class="admin-wrap">{u.email}</p>
      {props.partnerName && <p>Mitra: {props.partnerName}</p>}
      <p class="meta">Dibuat {formatDateTime(u.createdAt)}</p>
      {editing ? (
        <form class="admin-inline-form" onSubmit={saveRole} noValidate aria-labelledby={nameId}>
          {problem && <Notice kind="error">{problem.message}</Notice>}
          <Field id={`user-${u.id}-role`} label="Peran baru" error={f.role}>
            {(a) => (
              <select {...a} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {role === 'partner' && (
            <PartnerSelect
              id={`user-${u.id}-partner`}
              partners={props.partners}
              value={partnerId}
              error={f.partnerId}
              onChange={setPartnerId}
            />
          )}
          <div class="actions">
            <button type="submit" class="button" disabled={busy} aria-describedby={nameId}>
              Simpan peran
            </button>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setEditing(false);
                setProblem(null);
                setRole(u.role);
              }}
            >
              Batal
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          {!props.self && (
            <button
              type="button"
              class="button button--secondary"
              aria-describedby={nameId}
              onClick={() => setEditing(true)}
            >
              Ubah peran
            </button>
          )}
          {!props.self && u.isActive && (
            <button type="button" class="button button--danger" aria-describedby={nameId} onClick={props.onDeactivate}>
              Nonaktifkan
            </button>
          )}
          {!u.isActive && (
            <button type="button" class="button" aria-describedby={nameId} onClick={props.onReactivate}>
              Aktifkan kembali
            </button>
          )}
          <Link class="admin-link" href={`/admin/audit${query({ pelaku: u.id })}`}>
            Tindakan akun ini
          </Link>
          <Link class="admin-link" href={`/admin/audit${query({ jenis: 'user', id: u.id })}`}>
            Riwayat akun ini
          </Link>
        </div>
      )}
    </li>
  );
}
