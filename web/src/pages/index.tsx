import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client';
import type { Kecamatan, Page, Training } from '../api/types';
import { Link, Loading, Notice, PageTitle } from '../components/ui';
import { formatDateTime } from '../format';
import { FORMATS, PILLARS } from '../i18n/id';
import { kecamatanName, loadKecamatan } from '../regions';
import { currentLocation, navigate } from '../router';
import { seatsText } from './pelatihan/seats';

const PAGE_SIZE = 50;
type Filters = { q: string; pilar: string; kecamatan: string; cara: string };

/** Filters live in the address (?q=&pilar=&kecamatan=&cara=), so a filtered list can be shared and reloaded. */
function filtersFromAddress(): Filters {
  const q = currentLocation().query;
  return {
    q: q.get('q') ?? '',
    pilar: q.get('pilar') ?? '',
    kecamatan: q.get('kecamatan') ?? '',
    cara: q.get('cara') ?? '',
  };
}

export function HomePage() {
  const [filters, setFilters] = useState<Filters>(filtersFromAddress);
  const [typed, setTyped] = useState(filters.q);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [result, setResult] = useState<{ items: Training[]; total: number; page: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const now = useRef(new Date().toISOString());

  useEffect(() => {
    document.title = 'Pelatihan literasi digital · Bangga Macapat';
    loadKecamatan()
      .then(setKecamatan)
      .catch(() => undefined);
  }, []);

  const query = (f: Filters, page: number) => {
    const p = new URLSearchParams({
      page: String(page),
      limit: String(PAGE_SIZE),
      from: now.current,
      status: 'published',
    });
    if (f.q.trim()) p.set('q', f.q.trim());
    if (f.pilar) p.set('pillar', f.pilar);
    if (f.kecamatan) p.set('kecamatanCode', f.kecamatan);
    return api<Page<Training>>('GET', `/events?${p}`, { auth: false });
  };

  useEffect(() => {
    let stale = false;
    setError(null);
    setResult(null);
    query(filters, 1)
      .then((res) => !stale && setResult({ items: res.data, total: res.meta.total, page: 1 }))
      .catch((err) => !stale && setError(errorMessage(err)));
    const p = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
    navigate(p.size ? `/?${p}` : '/', { replace: true });
    return () => {
      stale = true;
    };
  }, [filters.q, filters.pilar, filters.kecamatan, filters.cara]);

  // The search box waits for a pause in typing before it asks the server.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === typed ? f : { ...f, q: typed })), 350);
    return () => clearTimeout(t);
  }, [typed]);

  const more = async () => {
    if (!result) return;
    setLoadingMore(true);
    try {
      const res = await query(filters, result.page + 1);
      setResult({ items: [...result.items, ...res.data], total: res.meta.total, page: result.page + 1 });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  // The API has no format filter: daring/luring narrows what was loaded (hybrid counts as both).
  const shown = result?.items.filter((t) => !filters.cara || t.format === filters.cara || t.format === 'hybrid') ?? [];
  const set = (key: keyof Filters) => (e: Event) =>
    setFilters({ ...filters, [key]: (e.target as HTMLSelectElement).value });

  return (
    <>
      <PageTitle>Pelatihan literasi digital</PageTitle>
      <p class="lead">
        Pelatihan Cakap, Etis, Aman, dan Budaya Digital untuk warga Purbalingga. Gratis, terbuka untuk umum.
      </p>
      <form
        class="filters"
        role="search"
        aria-label="Saring pelatihan"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: typed });
        }}
      >
        <div class="field field--search">
          <label for="cari">Cari pelatihan</label>
          <input
            id="cari"
            type="search"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
            placeholder="Judul pelatihan"
            autoComplete="off"
          />
        </div>
        <div class="filter-row">
          <div class="field">
            <label for="pilar">Pilar</label>
            <select id="pilar" value={filters.pilar} onChange={set('pilar')}>
              <option value="">Semua pilar</option>
              {Object.entries(PILLARS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="kecamatan">Kecamatan</label>
            <select id="kecamatan" value={filters.kecamatan} onChange={set('kecamatan')}>
              <option value="">Semua kecamatan</option>
              {kecamatan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="cara">Daring/luring</label>
            <select id="cara" value={filters.cara} onChange={set('cara')}>
              <option value="">Semua</option>
              <option value="offline">Luring (tatap muka)</option>
              <option value="online">Daring (online)</option>
            </select>
          </div>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {!result && !error && <Loading label="Memuat pelatihan…" />}
      {result && (
        <>
          <p class="count" role="status">
            {shown.length === 0
              ? 'Belum ada pelatihan yang cocok. Coba ubah pencarian atau saringan.'
              : `${shown.length} pelatihan ditampilkan`}
          </p>
          <ul class="cards">
            {shown.map((t) => (
              <li key={t.id} class="card">
                <h2>
                  <Link href={`/pelatihan/${t.id}`}>{t.title}</Link>
                </h2>
                <p class="badges">
                  <span class="badge">{PILLARS[t.pillar]}</span>{' '}
                  <span class="badge badge--muted">{FORMATS[t.format]}</span>
                </p>
                <p>{formatDateTime(t.startsAt)}</p>
                <p>
                  {[
                    t.format !== 'online' ? t.venue : null,
                    kecamatanName(kecamatan, t.kecamatanCode) && `Kec. ${kecamatanName(kecamatan, t.kecamatanCode)}`,
                  ]
                    .filter(Boolean)
                    .join(', ') || 'Daring'}
                </p>
                <p class="seats">{seatsText(t)}</p>
              </li>
            ))}
          </ul>
          {result.items.length < result.total && (
            <button type="button" class="button button--secondary" onClick={more} disabled={loadingMore}>
              {loadingMore ? 'Memuat…' : 'Tampilkan lebih banyak'}
            </button>
          )}
        </>
      )}
    </>
  );
}
