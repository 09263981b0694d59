import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import type { Kecamatan, ProfileBody } from '../api/types';
import { ageOn, jakartaToday } from '../format';
import { FIELD_MESSAGES, GENDERS, GUARDIAN_CONSENT_TEXT, OCCUPATIONS } from '../i18n/id';
import { Field } from './ui';

export interface ParticipantFieldValues {
  fullName: string;
  nik?: string;
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

export type ParticipantFieldKey = keyof ParticipantFieldValues;

interface Props {
  values: ParticipantFieldValues;
  onField: (key: ParticipantFieldKey, value: string | boolean) => void;
  errors: Record<string, string>;
  kecamatan: Kecamatan[];
  /** Prefixes every id, so this form can share a page with another one. */
  idPrefix?: string;
  /** The person typing is the participant: the browser may fill in their own name and number. */
  ownData?: boolean;
  /** The NIK field shows only when it has a hint: the door's walk-in form leaves the NIK out. */
  nikHint?: string;
  phoneHint?: string;
  consentText: string;
  consentLabel: string;
  afterPhone?: ComponentChildren;
  afterOccupation?: ComponentChildren;
  /** Under 18 on the birth date: the guardian's name and consent are asked for too. */
  minor: boolean;
}

/** Under 18 today in Jakarta: the API then asks for a guardian's consent as well. */
export function isMinor(birthDate: string): boolean {
  return birthDate ? ageOn(birthDate, jakartaToday()) < 18 : false;
}

/** What the shared fields send, trimmed; the NIK only from a form that has one, the guardian only for a minor. */
export function participantBody(form: ParticipantFieldValues): ProfileBody {
  return {
    fullName: form.fullName.trim(),
    ...(form.nik === undefined ? {} : { nik: form.nik.replace(/[\s.]/g, '') || null }),
    birthDate: form.birthDate,
    gender: form.gender as ProfileBody['gender'],
    phone: form.phone.trim(),
    kecamatanCode: form.kecamatanCode,
    village: form.village.trim(),
    occupation: form.occupation as ProfileBody['occupation'],
    consent: form.consent,
    ...(isMinor(form.birthDate)
      ? { guardianName: form.guardianName.trim(), guardianConsent: form.guardianConsent }
      : {}),
  };
}

/** The API's field errors for a participant's own form (profile, door). */
export function participantFieldErrors(err: unknown, form: ParticipantFieldValues): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  // The API names only the consent when a minor's guardian is missing: point at the empty name too.
  const guardianMissing = err.status === 400 && isMinor(form.birthDate) && !form.guardianName.trim();
  return guardianMissing ? { ...err.fields, guardianName: FIELD_MESSAGES.guardianName } : err.fields;
}

/** The personal data the participant profile, the staff console and the door scanner all ask for. */
export function ParticipantFields(props: Props) {
  const { values: form, errors: fields, idPrefix = '' } = props;
  const id = (key: string) => `${idPrefix}${key}`;
  const set = (key: ParticipantFieldKey) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    props.onField(key, el.type === 'checkbox' ? el.checked : el.value);
  };
  const ownAutoComplete = (token: string) => (props.ownData ? token : 'off');

  return (
    <>
      <Field id={id('fullName')} label="Nama lengkap" error={fields.fullName}>
        {(a) => (
          <input
            {...a}
            autoComplete={ownAutoComplete('name')}
            value={form.fullName}
            onInput={set('fullName')}
            required
          />
        )}
      </Field>
      {props.nikHint && (
        <Field id={id('nik')} label="NIK" error={fields.nik} hint={props.nikHint}>
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              autoComplete="off"
              maxLength={24}
              value={form.nik ?? ''}
              onInput={set('nik')}
            />
          )}
        </Field>
      )}
      <Field id={id('birthDate')} label="Tanggal lahir" error={fields.birthDate}>
        {(a) => (
          <input {...a} type="date" max={jakartaToday()} value={form.birthDate} onInput={set('birthDate')} required />
        )}
      </Field>
      <Field id={id('gender')} label="Jenis kelamin" error={fields.gender}>
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
      <Field id={id('phone')} label="Nomor HP" error={fields.phone} hint={props.phoneHint}>
        {(a) => (
          <input
            {...a}
            type="tel"
            inputMode="tel"
            autoComplete={ownAutoComplete('tel')}
            value={form.phone}
            onInput={set('phone')}
            required
          />
        )}
      </Field>
      {props.afterPhone}
      <Field id={id('kecamatanCode')} label="Kecamatan" error={fields.kecamatanCode}>
        {(a) => (
          <select {...a} value={form.kecamatanCode} onChange={set('kecamatanCode')} required>
            <option value="">Pilih kecamatan…</option>
            {props.kecamatan.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('village')} label="Desa/Kelurahan" error={fields.village}>
        {(a) => <input {...a} value={form.village} onInput={set('village')} required />}
      </Field>
      <Field id={id('occupation')} label="Pekerjaan" error={fields.occupation}>
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
      {props.afterOccupation}
      {props.minor && (
        <fieldset class="guardian">
          <legend>Persetujuan orang tua/wali</legend>
          <p>{GUARDIAN_CONSENT_TEXT}</p>
          <Field id={id('guardianName')} label="Nama orang tua/wali" error={fields.guardianName}>
            {(a) => (
              <input {...a} autoComplete="off" value={form.guardianName} onInput={set('guardianName')} required />
            )}
          </Field>
          <CheckBox
            id={id('guardianConsent')}
            label="Orang tua/wali menyetujui"
            checked={form.guardianConsent}
            onChange={set('guardianConsent')}
            error={fields.guardianConsent}
          />
        </fieldset>
      )}
      <div class="consent">
        <p id={id('consent-text')}>{props.consentText}</p>
        <CheckBox
          id={id('consent')}
          label={props.consentLabel}
          checked={form.consent}
          onChange={set('consent')}
          error={fields.consent}
          describedBy={id('consent-text')}
        />
      </div>
    </>
  );
}

function CheckBox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (e: Event) => void;
  error?: string;
  describedBy?: string;
}) {
  const { id, error } = props;
  const described = [props.describedBy ?? '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`check${error ? ' field--error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={props.onChange}
        aria-describedby={described || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      <label for={id}>{props.label}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
