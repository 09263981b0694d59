import { render } from 'preact';
import { App } from './app';
import { restoreSession } from './session';
import './styles.css';

render(<App />, document.getElementById('app')!);
void restoreSession();

// The service worker keeps the app shell for offline use; API answers are never cached by it.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
  // Files loaded before the service worker took control never passed through it: ask for them once more
  // (the HTTP cache answers) so that it keeps them too, lazy chunks of the page already open included.
  const keepLoaded = () => {
    for (const entry of performance.getEntriesByType('resource')) {
      const url = new URL(entry.name);
      if (url.origin === location.origin && url.pathname.startsWith('/assets/'))
        void fetch(url.pathname).catch(() => undefined);
    }
  };
  if (!navigator.serviceWorker.controller)
    navigator.serviceWorker.addEventListener('controllerchange', keepLoaded, { once: true });
}
