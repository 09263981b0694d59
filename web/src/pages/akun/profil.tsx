import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Kecamatan, ParticipantExport, ParticipantProfile, ProfileBody } from '../../api/types';
import { ConfirmDialog, Field, Loading, Notice, PageTitle } from '../../components/ui';
import { saveBlob } from '../../download';
import { ageOn, jakartaToday } from '../../format';
import { CONSENT_TEXT, FIELD_MESSAGES, GENDERS, GUARDIAN_CONSENT_TEXT, OCCUPATIONS } from '../../i18n/id';
import { loadKecamatan } from '../../regions';
import { currentLocation, navigate, safeNext } from '../../router';
import { useRequireUser } from '../../require-user';

interface Form {
  fullName: string;
  nik: string;
  birthDate: string;
  gender: string;
  phone: string;
  kecamatanCode: string;
  village: string;
  occupation: string;
  consent: boolean;
  guardianName: string;
  guardianConsent: boolean;
}

const EMPTY: Form = {
  fullName: '',
  nik: '',
  birthDate: '',
  gender: '',
  phone: '',
  kecamatanCode: '',
  village: '',
  occupation: '',
  consent: false,
  guardianName: '',
  guardianConsent: false,
};

function fromProfile(p: ParticipantProfile & { nik?: string | null }): Form {
  return {
    fullName: p.fullName,
    nik: p.nik ?? '',
    birthDate: p.birthDate ?? '',
    gender: p.gender,
    phone: p.phone ?? '',
    kecamatanCode: p.kecamatanCode,
    village: p.village ?? '',
    occupation: p.occupation,
    // Saving again confirms consent again: the box starts unticked so nobody agrees without seeing it.
    consent: false,
    guardianName: p.guardianName ?? '',
    guardianConsent: p.guardianConsent,
  };
}

export function ProfilePage() {
  const user = useRequireUser();
  const next = safeNext(currentLocation().query.get('next'), '');
  const [form, setForm] = useState<Form | null>(null);
  const [exists, setExists] = useState(false);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);

  useEffect(() => {
    document.title = 'Profil peserta · Bangga Macapat';
    loadKecamatan()
      .then(setKecamatan)
      .catch((err) => setMessage({ kind: 'error', text: errorMessage(err) }));
  }, []);

  useEffect(() => {
    if (!user) return;
    // The export is the one answer that carries the NIK back to its owner, so the form can be saved again as it is.
    api<ParticipantExport>('GET', '/me/participant/export')
      .then((data) => {
        setExists(true);
        setForm(fromProfile(data.profile));
      })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) setForm({ ...EMPTY, fullName: user.fullName });
        else setMessage({ kind: 'error', text: errorMessage(err) });
      });
  }, [user?.id]);

  if (!user || !form) return message ? <Notice kind={message.kind}>{message.text}</Notice> : <Loading />;

  const minor = form.birthDate ? ageOn(form.birthDate, jakartaToday()) < 18 : false;
  const set = (key: keyof Form) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setForm({ ...form, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    setBusy(true);
    setFields({});
    const body: ProfileBody = {
      fullName: form.fullName.trim(),
      nik: form.nik.replace(/[\s.]/g, '') || null,
      birthDate: form.birthDate,
      gender: form.gender as ProfileBody['gender'],
      phone: form.phone.trim(),
      kecamatanCode: form.kecamatanCode,
      village: form.village.trim(),
      occupation: form.occupation as ProfileBody['occupation'],
      consent: form.consent,
      ...(minor ? { guardianName: form.guardianName.trim(), guardianConsent: form.guardianConsent } : {}),
    };
    try {
      await api('PUT', '/me/participant', { body });
      setExists(true);
      if (next) return navigate(next, { replace: true });
      setMessage({ kind: 'success', text: 'Profil Anda tersimpan.' });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
      // The API names only the consent when a minor's guardian is missing: point at the empty name too.
      const guardian: Record<string, string> =
        minor && !form.guardianName.trim() ? { guardianName: FIELD_MESSAGES.guardianName } : {};
      if (err instanceof ApiError) setFields(err.status === 400 ? { ...err.fields, ...guardian } : err.fields);
    } finally {
      setBusy(false);
    }
  };

  const exportData = async () => {
    setMessage(null);
    try {
      const data = await api<unknown>('GET', '/me/participant/export');
      saveBlob(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        'data-saya-bangga-macapat.json',
      );
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  const erase = async () => {
    setConfirmErase(false);
    setMessage(null);
    try {
      await api('DELETE', '/me/participant');
      setExists(false);
      setForm({ ...EMPTY, fullName: '' });
      setMessage({
        kind: 'success',
        text: 'Data pribadi Anda sudah dihapus. Jumlah peserta tanpa nama tetap tercatat untuk laporan.',
      });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  return (
    <>
      <PageTitle>Profil peserta</PageTitle>
      {next && !exists && (
        <p class="lead">Lengkapi profil Anda dulu; setelah disimpan, pendaftaran pelatihan dilanjutkan.</p>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form class="form" onSubmit={save} noValidate>
        <Field id="fullName" label="Nama lengkap" error={fields.fullName}>
          {(a) => <input {...a} autoComplete="name" value={form.fullName} onInput={set('fullName')} required />}
        </Field>
        <Field
          id="nik"
          label="NIK"
          error={fields.nik}
          hint="16 angka sesuai KTP atau Kartu Keluarga. Disimpan terenkripsi."
        >
          {(a) => (
            <input {...a} inputMode="numeric" autoComplete="off" maxLength={24} value={form.nik} onInput={set('nik')} />
          )}
        </Field>
        <Field id="birthDate" label="Tanggal lahir" error={fields.birthDate}>
          {(a) => (
            <input {...a} type="date" max={jakartaToday()} value={form.birthDate} onInput={set('birthDate')} required />
          )}
        </Field>
        <Field id="gender" label="Jenis kelamin" error={fields.gender}>
          {(a) => (
            <select {...a} value={form.gender} onChange={set('gender')} required>
              <option value="">Pilih…</option>
              {Object.entries(GENDERS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="phone" label="Nomor HP" error={fields.phone} hint="Contoh: 081234567890">
          {(a) => (
            <input
              {...a}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={form.phone}
              onInput={set('phone')}
              required
            />
          )}
        </Field>
        <Field id="kecamatanCode" label="Kecamatan" error={fields.kecamatanCode}>
          {(a) => (
            <select {...a} value={form.kecamatanCode} onChange={set('kecamatanCode')} required>
              <option value="">Pilih kecamatan…</option>
              {kecamatan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="village" label="Desa/Kelurahan" error={fields.village}>
          {(a) => <input {...a} value={form.village} onInput={set('village')} required />}
        </Field>
        <Field id="occupation" label="Pekerjaan" error={fields.occupation}>
          {(a) => (
            <select {...a} value={form.occupation} onChange={set('occupation')} required>
              <option value="">Pilih pekerjaan…</option>
              {Object.entries(OCCUPATIONS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        {minor && (
          <fieldset class="guardian">
            <legend>Persetujuan orang tua/wali</legend>
            <p>{GUARDIAN_CONSENT_TEXT}</p>
            <Field id="guardianName" label="Nama orang tua/wali" error={fields.guardianName}>
              {(a) => (
                <input {...a} autoComplete="off" value={form.guardianName} onInput={set('guardianName')} required />
              )}
            </Field>
            <div class={`check${fields.guardianConsent ? ' field--error' : ''}`}>
              <input
                id="guardianConsent"
                type="checkbox"
                checked={form.guardianConsent}
                onChange={set('guardianConsent')}
                aria-invalid={fields.guardianConsent ? 'true' : undefined}
                aria-describedby={fields.guardianConsent ? 'guardianConsent-error' : undefined}
              />
              <label for="guardianConsent">Orang tua/wali menyetujui</label>
              {fields.guardianConsent && (
                <p class="field-error" id="guardianConsent-error">
                  {fields.guardianConsent}
                </p>
              )}
            </div>
          </fieldset>
        )}
        <div class="consent">
          <p id="consent-text">{CONSENT_TEXT}</p>
          <div class={`check${fields.consent ? ' field--error' : ''}`}>
            <input
              id="consent"
              type="checkbox"
              checked={form.consent}
              onChange={set('consent')}
              aria-describedby={`consent-text${fields.consent ? ' consent-error' : ''}`}
              aria-invalid={fields.consent ? 'true' : undefined}
            />
            <label for="consent">Saya setuju</label>
            {fields.consent && (
              <p class="field-error" id="consent-error">
                {fields.consent}
              </p>
            )}
          </div>
        </div>
        <button type="submit" class="button" disabled={busy}>
          Simpan
        </button>
      </form>

      {exists && (
        <section class="my-data" aria-labelledby="data-saya">
          <h2 id="data-saya">Data pribadi Anda</h2>
          <p>Anda berhak mengunduh semua data yang kami simpan tentang Anda, atau menghapusnya (UU 27/2022).</p>
          <div class="actions">
            <button type="button" class="button button--secondary" onClick={exportData}>
              Unduh data saya
            </button>
            <button type="button" class="button button--danger" onClick={() => setConfirmErase(true)}>
              Hapus data saya
            </button>
          </div>
        </section>
      )}
      <ConfirmDialog
        open={confirmErase}
        title="Hapus data pribadi Anda?"
        confirmLabel="Ya, hapus data saya"
        onConfirm={erase}
        onCancel={() => setConfirmErase(false)}
      >
        <p>
          Nama, NIK, nomor HP, email, dan tanggal lahir Anda akan dihapus dan tidak bisa dikembalikan. Sertifikat yang
          sudah terbit tidak lagi memuat nama Anda.
        </p>
      </ConfirmDialog>
    </>
  );
}
