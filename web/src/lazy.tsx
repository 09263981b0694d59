import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice } from './components/ui';

/**
 * A page whose code is fetched only when someone opens it: staff, partner and admin pages (and the
 * charting library of the reports page) must not weigh on the community's first page. The module is
 * fetched once per load of the app; a failed fetch (offline) may be retried by opening the page again.
 */
export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  let pending: Promise<FunctionComponent<P>> | null = null;
  return function LazyPage(props: P) {
    const [, rerender] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      pending ??= load();
      pending.then(
        (component) => {
          loaded = component;
          rerender((n) => n + 1);
        },
        () => {
          pending = null;
          setFailed(true);
        },
      );
    }, []);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (failed) {
      return (
        <Notice kind="error">Halaman ini belum bisa dimuat. Periksa koneksi internet, lalu muat ulang halaman.</Notice>
      );
    }
    return <Loading />;
  };
}
