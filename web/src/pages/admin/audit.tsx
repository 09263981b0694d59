import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import { Field, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../format';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_FIELD_LABELS,
  PARTNER_TYPE_LABELS,
  ROLE_LABELS,
} from '../../i18n/id';
import { RoleGate } from '../../require-role';
import { currentLocation, navigate, onNavigate } from '../../router';
import { Pager } from '../../components/pager';
import { type AdminUser, type AuditEntry, PAGE_SIZE, query, refusal } from './shared';

type Action = AuditEntry['action'];

interface Filter {
  actorId: string;
  action: Action | '';
  entityType: string;
  entityId: string;
  /** Local days in Asia/Jakarta, YYYY-MM-DD. */
  from: string;
  to: string;
  page: number;
}

/**
 * The filter lives in the address, so a filtered trail can be reloaded and linked to (from an account or a partner).
 */
function filterFromAddress(): Filter {
  const q = currentLocation().query;
  const day = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : '');
  const action = q.get('aksi') ?? '';
  return {
    actorId: q.get('pelaku') ?? '',
    action: action in AUDIT_ACTION_LABELS ? (action as Action) : '',
    entityType: q.get('jenis') ?? '',
    entityId: q.get('id') ?? '',
    from: day(q.get('dari')),
    to: day(q.get('sampai')),
    page: Math.max(1, Number(q.get('halaman')) || 1),
  };
}

function addressOf(f: Filter): string {
  const params = {
    pelaku: f.actorId,
    aksi: f.action,
    jenis: f.entityType,
    id: f.entityId,
    dari: f.from,
    sampai: f.to,
    halaman: f.page > 1 ? f.page : undefined,
  };
  return `/admin/audit${query(params)}`;
}

/** The API's query: whole Jakarta days, sent as instants with their +07:00 offset. */
function apiQuery(f: Filter): string {
  return query({
    actorId: f.actorId,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    from: f.from ? `${f.from}T00:00:00+07:00` : undefined,
    to: f.to ? `${f.to}T23:59:59.999+07:00` : undefined,
    page: f.page,
    limit: PAGE_SIZE,
  });
}

/** Accounts named in the trail, fetched once per load of the page. */
const people = new Map<string, Promise<AdminUser | null>>();
const person = (id: string) => {
  let p = people.get(id);
  if (!p) {
    p = api<AdminUser>('GET', `/users/${id}`).catch(() => null);
    people.set(id, p);
  }
  return p;
};

export function AdminAuditPage() {
  useEffect(() => {
    document.title = 'Jejak audit · Bangga Macapat';
  }, []);
  return <RoleGate roles={['admin']}>{() => <Audit />}</RoleGate>;
}

function Audit() {
  const [filter, setFilter] = useState<Filter>(filterFromAddress);
  const [draft, setDraft] = useState<Filter>(filter);
  const [actorText, setActorText] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [list, setList] = useState<{ data: AuditEntry[]; total: number } | null>(null);
  const [actors, setActors] = useState<Record<string, AdminUser | null>>({});
  const [error, setError] = useState<string | null>(null);

  const shown = useRef(filter);
  shown.current = filter;
  const showActor = (id: string) => {
    setActorText('');
    // An actor given in the address is shown by email in the field.
    if (id) void person(id).then((u) => setActorText(u?.email ?? ''));
  };
  useEffect(() => showActor(filter.actorId), []);
  // A link to the trail while it is open (the menu, an account's card) starts over from that link's filter.
  useEffect(
    () =>
      onNavigate(() => {
        const here = window.location.pathname + window.location.search;
        if (window.location.pathname !== '/admin/audit' || here === addressOf(shown.current)) return;
        const next = filterFromAddress();
        setFieldErrors({});
        setDraft(next);
        setFilter(next);
        showActor(next.actorId);
      }),
    [],
  );

  useEffect(() => {
    let current = true;
    setError(null);
    navigate(addressOf(filter), { replace: true });
    api<Page<AuditEntry>>('GET', `/audit-logs${apiQuery(filter)}`).then(
      async (res) => {
        if (!current) return;
        setList({ data: res.data, total: res.meta.total });
        const ids = [...new Set(res.data.map((e) => e.actorId))];
        const found = await Promise.all(ids.map(async (id) => [id, await person(id)] as const));
        if (current) setActors((a) => ({ ...a, ...Object.fromEntries(found) }));
      },
      (err) => current && setError(refusal(err).message),
    );
    return () => {
      current = false;
    };
  }, [filter]);

  /** The actor typed as an email or part of a name: exactly one account must match. */
  const resolveActor = async (text: string): Promise<string | { error: string }> => {
    const t = text.trim();
    if (!t) return '';
    if (draft.actorId && (await person(draft.actorId))?.email === t.toLowerCase()) return draft.actorId;
    const res = await api<Page<AdminUser>>('GET', `/users${query({ q: t, limit: 10 })}`);
    const exact = res.data.find((u) => u.email === t.toLowerCase());
    if (exact) return exact.id;
    if (res.meta.total === 1) return res.data[0].id;
    if (res.meta.total === 0) return { error: 'Tidak ada akun dengan nama atau email ini.' };
    return { error: `Ada ${res.meta.total} akun yang cocok. Tulis email lengkapnya.` };
  };

  const apply = async (e: Event) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (draft.from && draft.to && draft.to < draft.from) errors.to = 'Tanggal akhir tidak boleh sebelum tanggal awal.';
    let actorId = '';
    try {
      const actor = await resolveActor(actorText);
      if (typeof actor === 'string') actorId = actor;
      else errors.actor = actor.error;
    } catch (err) {
      if (!(err instanceof ApiError)) return setError(refusal(err).message);
      errors.actor = refusal(err).message;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const next = { ...draft, actorId, entityId: draft.entityId.trim(), page: 1 };
    setDraft(next);
    setFilter(next);
  };

  const reset = () => {
    const empty: Filter = { actorId: '', action: '', entityType: '', entityId: '', from: '', to: '', page: 1 };
    setActorText('');
    setFieldErrors({});
    setDraft(empty);
    setFilter(empty);
  };

  return (
    <div class="admin">
      <PageTitle>Jejak audit</PageTitle>
      <p class="lead">
        Setiap perubahan oleh petugas, admin dan mitra: siapa, kapan, apa, dan isian yang berubah. Waktu dalam WIB.
      </p>
      <form class="filters" role="search" aria-label="Saring jejak audit" onSubmit={apply} noValidate>
        <div class="admin-filter-row">
          <Field id="audit-actor" label="Pelaku" hint="Email atau nama akun" error={fieldErrors.actor}>
            {(a) => (
              <input {...a} type="search" value={actorText} onInput={(e) => setActorText(e.currentTarget.value)} />
            )}
          </Field>
          <Field id="audit-action" label="Aksi">
            {(a) => (
              <select
                {...a}
                value={draft.action}
                onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value as Action | '' })}
              >
                <option value="">Semua aksi</option>
                {(Object.keys(AUDIT_ACTION_LABELS) as Action[]).map((k) => (
                  <option key={k} value={k}>
                    {capitalise(AUDIT_ACTION_LABELS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-entity" label="Jenis data">
            {(a) => (
              <select
                {...a}
                value={draft.entityType}
                onChange={(e) => setDraft({ ...draft, entityType: e.currentTarget.value })}
              >
                <option value="">Semua jenis data</option>
                {Object.entries(AUDIT_ENTITY_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-entity-id" label="ID data" hint="Opsional: satu data saja">
            {(a) => (
              <input
                {...a}
                value={draft.entityId}
                spellcheck={false}
                autoComplete="off"
                onInput={(e) => setDraft({ ...draft, entityId: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="audit-from" label="Dari tanggal">
            {(a) => (
              <input
                {...a}
                type="date"
                value={draft.from}
                onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="audit-to" label="Sampai tanggal" error={fieldErrors.to}>
            {(a) => (
              <input
                {...a}
                type="date"
                value={draft.to}
                onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            Terapkan
          </button>
          <button type="button" class="button button--secondary" onClick={reset}>
            Hapus saringan
          </button>
        </div>
      </form>

      {error && <Notice kind="error">{error}</Notice>}
      {!list && !error && <Loading label="Memuat jejak audit…" />}
      {list && (
        <p class="count" role="status">
          {list.total === 0 ? 'Tidak ada catatan yang cocok.' : `${list.total} catatan`}
        </p>
      )}
      {list && list.data.length > 0 && (
        <ol class="cards admin-list audit-list">
          {list.data.map((e) => (
            <Entry key={e.id} entry={e} actor={actors[e.actorId]} />
          ))}
        </ol>
      )}
      {list && (
        <Pager
          page={filter.page}
          total={list.total}
          label="Halaman jejak audit"
          limit={PAGE_SIZE}
          onPage={(page) => {
            setFilter({ ...filter, page });
            window.scrollTo(0, 0);
          }}
        />
      )}
    </div>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Fields that say nothing an entry does not already show (its time, its id, a partner's search key of its name). */
const QUIET = new Set(['updatedAt', 'id', 'nameKey']);

/** The fields an entry shows: what changed in an update, what was set on a create, what was gone after a delete. */
function changes(e: AuditEntry): { key: string; before: unknown; after: unknown }[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  if (e.action === 'update') {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => !QUIET.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((key) => ({ key, before: before[key], after: after[key] }));
  }
  const shown = e.action === 'create' ? after : before;
  return Object.keys(shown)
    .filter((k) => !QUIET.has(k) && k !== 'createdAt' && shown[k] !== null && shown[k] !== undefined)
    .map((key) => ({
      key,
      before: e.action === 'create' ? undefined : shown[key],
      after: e.action === 'create' ? shown[key] : undefined,
    }));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function show(key: string, value: unknown, entityType: string): string {
  if (value === null || value === undefined || value === '') return '(kosong)';
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (key === 'role' && typeof value === 'string') return ROLE_LABELS[value as keyof typeof ROLE_LABELS] ?? value;
  if (key === 'type' && entityType === 'partner' && typeof value === 'string')
    return PARTNER_TYPE_LABELS[value as keyof typeof PARTNER_TYPE_LABELS] ?? value;
  if (typeof value === 'string' && INSTANT.test(value)) return formatDateTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What the entry is about, in words: its name, title or topic when the snapshot has one. */
function subject(e: AuditEntry): string | null {
  const s = e.after ?? e.before ?? {};
  for (const k of ['fullName', 'name', 'title', 'topic']) if (typeof s[k] === 'string') return s[k] as string;
  return null;
}

function Entry({ entry: e, actor }: { entry: AuditEntry; actor: AdminUser | null | undefined }) {
  const what = AUDIT_ENTITY_LABELS[e.entityType] ?? e.entityType;
  const about = subject(e);
  const fields = changes(e);
  const titleId = `audit-${e.id}-title`;
  return (
    <li class="card audit-entry">
      <article aria-labelledby={titleId}>
        <p class="meta">
          <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
        </p>
        <h2 id={titleId} class="audit-title">
          {what} {AUDIT_ACTION_LABELS[e.action as keyof typeof AUDIT_ACTION_LABELS] ?? e.action}
          {about && <>: {about}</>}
        </h2>
        <p class="admin-wrap">
          Oleh: {actor ? `${actor.fullName} (${actor.email})` : actor === null ? 'akun tidak ditemukan' : '…'} ·{' '}
          {ROLE_LABELS[e.actorRole as keyof typeof ROLE_LABELS] ?? e.actorRole}
        </p>
        <p class="admin-wrap meta">
          ID data: <span class="audit-id">{e.entityId}</span>
        </p>
        {fields.length > 0 && (
          <ul class="audit-changes" aria-label="Isian">
            {fields.map((c) => (
              <li key={c.key}>
                <span class="audit-field">{AUDIT_FIELD_LABELS[c.key] ?? c.key}:</span>{' '}
                {e.action === 'update' ? (
                  <>
                    <span class="audit-before">{show(c.key, c.before, e.entityType)}</span>{' '}
                    <span aria-hidden="true">→</span>
                    <span class="visually-hidden"> menjadi </span>{' '}
                    <span class="audit-after">{show(c.key, c.after, e.entityType)}</span>
                  </>
                ) : (
                  <span class={e.action === 'create' ? 'audit-after' : 'audit-before'}>
                    {show(c.key, c.after ?? c.before, e.entityType)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}
