import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api/client';
import type { AuthResponse, LoginBody } from '../api/types';
import { Field, Link, Notice, PageTitle } from '../components/ui';
import { currentLocation, navigate, safeNext } from '../router';
import { signedIn } from '../session';

export function LoginPage() {
  const next = safeNext(currentLocation().query.get('next'), '/');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Masuk · Bangga Macapat';
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      signedIn(
        await api<AuthResponse>('POST', '/auth/login', {
          body: { email: email.trim(), password } satisfies LoginBody,
          auth: false,
        }),
      );
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>Masuk</PageTitle>
      <form class="form" onSubmit={submit} noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <Field id="email" label="Email" error={fields.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              required
            />
          )}
        </Field>
        <Field id="password" label="Kata sandi" error={fields.password}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              required
            />
          )}
        </Field>
        <button type="submit" class="button" disabled={busy}>
          Masuk
        </button>
      </form>
      <p>
        Belum punya akun?{' '}
        <Link href={`/daftar${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Buat akun baru</Link>
      </p>
    </>
  );
}
