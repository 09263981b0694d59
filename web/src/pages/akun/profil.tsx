import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Kecamatan, ParticipantExport, ParticipantProfile } from '../../api/types';
import {
  isMinor,
  participantBody,
  participantFieldErrors,
  ParticipantFields,
  type ParticipantFieldValues,
} from '../../components/participant-fields';
import { ConfirmDialog, Loading, Notice, PageTitle } from '../../components/ui';
import { saveBlob } from '../../download';
import { CONSENT_TEXT } from '../../i18n/id';
import { loadKecamatan } from '../../regions';
import { currentLocation, navigate, safeNext } from '../../router';
import { useRequireUser } from '../../require-user';

type Form = ParticipantFieldValues & { nik: string };

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

  const minor = isMinor(form.birthDate);

  const save = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    setBusy(true);
    setFields({});
    const body = participantBody(form);
    try {
      await api('PUT', '/me/participant', { body });
      setExists(true);
      if (next) return navigate(next, { replace: true });
      setMessage({ kind: 'success', text: 'Profil Anda tersimpan.' });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
      setFields(participantFieldErrors(err, form));
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
        <ParticipantFields
          values={form}
          onField={(key, value) => setForm({ ...form, [key]: value })}
          errors={fields}
          kecamatan={kecamatan}
          minor={minor}
          ownData
          nikHint="16 angka sesuai KTP atau Kartu Keluarga. Disimpan terenkripsi."
          phoneHint="Contoh: 081234567890"
          consentText={CONSENT_TEXT}
          consentLabel="Saya setuju"
        />
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
