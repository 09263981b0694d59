import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api/client';
import type { AuthResponse, RegisterBody } from '../api/types';
import { Field, Link, Notice, PageTitle } from '../components/ui';
import { currentLocation, navigate, safeNext } from '../router';
import { signedIn } from '../session';

export function SignUpPage() {
  const next = safeNext(currentLocation().query.get('next'), '');
  const [form, setForm] = useState({ fullName: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Buat akun · Bangga Macapat';
  }, []);
  const input = (key: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [key]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const body: RegisterBody = { fullName: form.fullName.trim(), email: form.email.trim(), password: form.password };
      signedIn(await api<AuthResponse>('POST', '/auth/register', { body, auth: false }));
      // A new account has no participant profile yet: that comes next, then wherever the person was going.
      navigate(`/akun/profil${next ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>Buat akun</PageTitle>
      <form class="form" onSubmit={submit} noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <Field id="fullName" label="Nama lengkap" error={fields.fullName}>
          {(a) => <input {...a} autoComplete="name" value={form.fullName} onInput={input('fullName')} required />}
        </Field>
        <Field id="email" label="Email" error={fields.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="email"
              inputMode="email"
              value={form.email}
              onInput={input('email')}
              required
            />
          )}
        </Field>
        <Field id="password" label="Kata sandi" error={fields.password} hint="Minimal 8 karakter.">
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onInput={input('password')}
              required
            />
          )}
        </Field>
        <button type="submit" class="button" disabled={busy}>
          Buat akun
        </button>
      </form>
      <p>
        Sudah punya akun? <Link href={`/masuk${next ? `?next=${encodeURIComponent(next)}` : ''}`}>Masuk</Link>
      </p>
    </>
  );
}
