import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client';
import type {
  AppNotification,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesBody,
} from '../../api/types';
import { Pager } from '../../components/pager';
import { Link, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../format';
import { NOTIFICATION_KINDS } from '../../i18n/id';
import { useRequireUser } from '../../require-user';
import { refreshUnread, setUnread, useUnreadCount } from '../../unread';

/** Ten a page: a phone screen shows two or three, and a short page loads fast on a slow network. */
const PAGE_SIZE = 10;

/**
 * The server renders each notification as a whole letter (greeting, the message, signature: the same text
 * goes out by email). The list shows the message only: the paragraphs between the greeting and the signature.
 */
export function messageParagraphs(body: string): string[] {
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (/^halo,?$/i.test(paragraphs[0] ?? '')) paragraphs.shift();
  if (/^salam,/i.test(paragraphs[paragraphs.length - 1] ?? '')) paragraphs.pop();
  return paragraphs;
}

type Message = { kind: 'error' | 'success'; text: string } | null;

export function NotificationsPage() {
  const user = useRequireUser();
  const unread = useUnreadCount();
  const [page, setPage] = useState(1);
  const [list, setList] = useState<NotificationPage | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [marking, setMarking] = useState<string | null>(null);

  const load = async (userId: string, n: number) => {
    try {
      const answer = await api<NotificationPage>('GET', `/me/notifications?page=${n}&limit=${PAGE_SIZE}`);
      setList(answer);
      // The page's own answer carries the count: the navigation shows it without another request.
      setUnread(userId, answer.meta.unreadCount);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  useEffect(() => {
    document.title = 'Pemberitahuan · Bangga Macapat';
  }, []);
  useEffect(() => {
    if (user) void load(user.id, page);
  }, [user?.id, page]);

  if (!user) return <Loading />;

  const markRead = async (n: AppNotification) => {
    setMessage(null);
    setMarking(n.id);
    try {
      const read = await api<AppNotification>('POST', `/me/notifications/${n.id}/read`);
      setList((l) => l && { ...l, data: l.data.map((x) => (x.id === n.id ? { ...x, readAt: read.readAt } : x)) });
      // The button is gone: keep the person's place on the notification itself.
      document.getElementById(`notification-${n.id}`)?.focus();
      await refreshUnread(user.id, { force: true });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setMarking(null);
    }
  };

  const goTo = (n: number) => {
    setMessage(null);
    setPage(n);
    window.scrollTo(0, 0);
    document.getElementById('page-title')?.focus();
  };

  return (
    <>
      <PageTitle>Pemberitahuan</PageTitle>
      <p>{unread > 0 ? `${unread} pemberitahuan belum dibaca.` : 'Semua pemberitahuan sudah dibaca.'}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!list && !message && <Loading label="Memuat pemberitahuan…" />}
      {list && list.data.length === 0 && <p>Belum ada pemberitahuan.</p>}
      {list && list.data.length > 0 && (
        <ul class="cards notifications">
          {list.data.map((n) => (
            <li key={n.id} class={`card notification${n.readAt ? '' : ' notification--unread'}`}>
              <article id={`notification-${n.id}`} tabIndex={-1} aria-labelledby={`notification-${n.id}-title`}>
                <p class="badges">
                  {!n.readAt && <span class="badge badge--unread">Belum dibaca</span>}{' '}
                  <span class="badge badge--muted">{NOTIFICATION_KINDS[n.kind]}</span>
                </p>
                <h2 id={`notification-${n.id}-title`}>{n.title}</h2>
                <p class="meta">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </p>
                {messageParagraphs(n.body).map((p, i) => (
                  <p key={i} class="notification-text">
                    {p}
                  </p>
                ))}
                <div class="actions">
                  {n.eventId && n.kind !== 'event_cancelled' && (
                    <Link class="button button--secondary" href={`/pelatihan/${n.eventId}`}>
                      Lihat pelatihan
                    </Link>
                  )}
                  {!n.readAt && (
                    <button
                      type="button"
                      class="button"
                      aria-describedby={`notification-${n.id}-title`}
                      disabled={marking === n.id}
                      onClick={() => markRead(n)}
                    >
                      Tandai sudah dibaca
                    </button>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {list && (
        <Pager label="Halaman pemberitahuan" page={page} limit={PAGE_SIZE} total={list.meta.total} onPage={goTo} />
      )}
      <Preferences />
    </>
  );
}

/** Email and WhatsApp on or off; in-app notifications are always kept. */
function Preferences() {
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [form, setForm] = useState<NotificationPreferencesBody>({ email: true, whatsapp: true });
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api<NotificationPreferences>('GET', '/me/notification-preferences')
      .then((p) => {
        setPrefs(p);
        setForm({ email: p.email, whatsapp: p.whatsapp });
      })
      .catch((err) => setMessage({ kind: 'error', text: errorMessage(err) }));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    setSaving(true);
    try {
      const saved = await api<NotificationPreferences>('PUT', '/me/notification-preferences', { body: form });
      setPrefs(saved);
      setForm({ email: saved.email, whatsapp: saved.whatsapp });
      setMessage({ kind: 'success', text: 'Pengaturan pemberitahuan disimpan.' });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  const off = prefs ? (['email', 'whatsapp'] as const).filter((c) => !prefs.available[c]) : [];
  return (
    <section class="preferences" aria-labelledby="preferences-title">
      <h2 id="preferences-title">Pengaturan pemberitahuan</h2>
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>Selain di aplikasi, kirim pemberitahuan juga lewat:</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={form.email}
              disabled={!prefs}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.checked })}
            />{' '}
            Email
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={form.whatsapp}
              disabled={!prefs}
              onChange={(e) => setForm({ ...form, whatsapp: e.currentTarget.checked })}
            />{' '}
            WhatsApp
          </label>
          {off.length > 0 && (
            <p class="hint">
              {off.map((c) => (c === 'email' ? 'Email' : 'WhatsApp')).join(' dan ')} belum aktif di layanan ini; pilihan
              Anda berlaku begitu diaktifkan.
            </p>
          )}
        </fieldset>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        <button type="submit" class="button" disabled={!prefs || saving}>
          Simpan pengaturan
        </button>
      </form>
    </section>
  );
}
