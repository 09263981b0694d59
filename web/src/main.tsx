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
}
