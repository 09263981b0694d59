import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client';
import type { components } from '../api/schema';
import type { Kecamatan, Page, ParticipantProfile } from '../api/types';
import { isMinor, participantBody, participantFieldErrors, ParticipantFields } from '../components/participant-fields';
import { Field, Notice } from '../components/ui';
import { CONSENT_TEXT } from '../i18n/id';
import { loadKecamatan } from '../regions';

type CheckInAnswer = components['schemas']['CheckInResponseDto'];

const EMPTY = {
  fullName: '',
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
type Form = typeof EMPTY;

/**
 * People at the door without a ticket: find them (or add them, with their consent) and check them in. The
 * API creates their walk-in registration, so this needs the network; offline it says so.
 */
export function WalkIn({
  eventId,
  online,
  onAdmitted,
}: {
  eventId: string;
  online: boolean;
  onAdmitted: (name: string, answer: CheckInAnswer) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ParticipantProfile[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState<Form>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [kecamatan, setKecamatan] = useState<Kecamatan[]>([]);

  useEffect(() => {
    if (adding)
      void loadKecamatan()
        .then(setKecamatan)
        .catch(() => undefined);
  }, [adding]);

  if (!online) {
    return <p class="hint">Peserta tanpa tiket hanya bisa dicari, ditambahkan, dan dicatat hadir saat ada internet.</p>;
  }

  const search = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    try {
      setFound(
        (await api<Page<ParticipantProfile>>('GET', `/participants?q=${encodeURIComponent(q.trim())}&limit=10`)).data,
      );
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  const admit = async (participantId: string, name: string) => {
    setMessage(null);
    try {
      const answer = await api<CheckInAnswer>('POST', `/events/${eventId}/check-ins`, {
        body: { participantId },
        idempotent: true,
      });
      onAdmitted(name, answer);
      setMessage({
        kind: 'success',
        text: answer.alreadyCheckedIn ? `${name} sudah tercatat hadir sebelumnya.` : `${name} tercatat hadir.`,
      });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  const minor = isMinor(form.birthDate);

  const add = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    setFields({});
    setBusy(true);
    const body = participantBody(form);
    try {
      const person = await api<ParticipantProfile>('POST', '/participants', { body, idempotent: true });
      setAdding(false);
      setForm(EMPTY);
      await admit(person.id, person.fullName);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
      setFields(participantFieldErrors(err, form));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <form class="door-search" role="search" onSubmit={search}>
        <Field id="walkin-q" label="Cari peserta" hint="Nama, nomor HP, atau NIK lengkap.">
          {(a) => <input {...a} type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="submit" class="button button--secondary">
          Cari
        </button>
      </form>
      {found &&
        (found.length === 0 ? (
          <p>Tidak ada peserta yang cocok.</p>
        ) : (
          <ul class="door-people">
            {found.map((p) => (
              <li key={p.id}>
                <span>
                  {p.fullName}
                  {p.phone ? ` · ${p.phone}` : ''}
                </span>
                <button type="button" class="button" onClick={() => void admit(p.id, p.fullName)}>
                  Hadirkan {p.fullName}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {!adding ? (
        <button type="button" class="button button--secondary door-wide" onClick={() => setAdding(true)}>
          Tambah peserta
        </button>
      ) : (
        <form class="form" onSubmit={add} noValidate aria-label="Tambah peserta">
          <ParticipantFields
            values={form}
            onField={(key, value) => setForm({ ...form, [key]: value })}
            errors={fields}
            kecamatan={kecamatan}
            minor={minor}
            idPrefix="walkin-"
            consentText={CONSENT_TEXT}
            consentLabel="Saya setuju"
          />
          <button type="submit" class="button" disabled={busy}>
            Simpan dan catat hadir
          </button>
        </form>
      )}
    </>
  );
}
