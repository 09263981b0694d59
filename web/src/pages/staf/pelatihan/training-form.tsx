import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../../../api/client';
import type { Kecamatan, Training } from '../../../api/types';
import { Field, Notice } from '../../../components/ui';
import { EVENT_FIELD_MESSAGES, FORMATS, OCCUPATIONS, PILLARS } from '../../../i18n/id';
import { fieldErrors, type EventBody, type Partner, wibInstant, wibParts } from '../shared';

interface Form {
  title: string;
  pillar: string;
  description: string;
  format: string;
  venue: string;
  kecamatanCode: string;
  onlineUrl: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  capacity: string;
  waitlistEnabled: boolean;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  targetGroups: string[];
  partnerIds: string[];
}

function fromTraining(t: Training | null): Form {
  const start = wibParts(t?.startsAt as string | undefined);
  const end = wibParts(t?.endsAt as string | undefined);
  const opens = wibParts(t?.registrationOpensAt as string | null | undefined);
  // The API answers registrationClosesAt = startsAt when none was
  // set: leave it empty then, so a new start date moves it too.
  const closesSet = t && new Date(t.registrationClosesAt).getTime() !== new Date(t.startsAt).getTime();
  const closes = wibParts(closesSet ? (t.registrationClosesAt as string) : null);
  return {
    title: t?.title ?? '',
    pillar: t?.pillar ?? '',
    description: t?.description ?? '',
    format: t?.format ?? 'offline',
    venue: t?.venue ?? '',
    kecamatanCode: t?.kecamatanCode ?? '',
    onlineUrl: t?.onlineUrl ?? '',
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    capacity: t ? String(t.capacity) : '',
    waitlistEnabled: t?.waitlistEnabled ?? true,
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    targetGroups: t?.targetGroups ?? [],
    partnerIds: t?.partners.map((p) => p.id) ?? [],
  };
}

/** A date and time that go together: both, or (when optional) neither. */
function pairProblem(date: string, time: string, required: boolean, field: string): Record<string, string> {
  if ((required && !date) || (date && !time) || (!date && time)) return { [field]: EVENT_FIELD_MESSAGES[field] };
  return {};
}

/** Create (POST /events, a draft) or edit (PATCH /events/:id) a training; times are typed in WIB. */
export function TrainingForm(props: {
  training: Training | null;
  kecamatan: Kecamatan[];
  partners: Partner[];
  onSaved: (t: Training, created: boolean) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<Form>(() => fromTraining(props.training));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const editing = props.training !== null;
  const physical = form.format !== 'online';
  const online = form.format !== 'offline';
  const set = (key: keyof Form) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setForm({ ...form, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };
  const toggle = (key: 'targetGroups' | 'partnerIds', value: string) => (e: Event) => {
    const on = (e.target as HTMLInputElement).checked;
    setForm({ ...form, [key]: on ? [...form[key], value] : form[key].filter((v) => v !== value) });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    // The API never sees half a date: a date without its time (or the reverse) is caught here.
    const local = {
      ...pairProblem(form.startDate, form.startTime, true, 'startsAt'),
      ...pairProblem(form.endDate, form.endTime, true, 'endsAt'),
      ...pairProblem(form.opensDate, form.opensTime, false, 'registrationOpensAt'),
      ...pairProblem(form.closesDate, form.closesTime, false, 'registrationClosesAt'),
    };
    if (local.endsAt) local.endsAt = 'Isi tanggal dan jam selesai yang benar.';
    if (Object.keys(local).length > 0) {
      setFields(local);
      setProblem('Ada isian yang belum benar. Periksa kolom yang ditandai.');
      return;
    }
    const capacity = Number(form.capacity);
    const body: EventBody = {
      title: form.title.trim(),
      description: form.description,
      pillar: form.pillar as EventBody['pillar'],
      format: form.format as EventBody['format'],
      venue: physical ? form.venue.trim() || null : null,
      kecamatanCode: physical ? form.kecamatanCode || null : null,
      onlineUrl: online ? form.onlineUrl.trim() || null : null,
      startsAt: wibInstant(form.startDate, form.startTime) as string,
      endsAt: wibInstant(form.endDate, form.endTime) as string,
      // Not a whole number → sent as it is, and the API names the field.
      capacity:
        form.capacity.trim() === '' || !Number.isFinite(capacity) ? (form.capacity as unknown as number) : capacity,
      waitlistEnabled: form.waitlistEnabled,
      registrationOpensAt: wibInstant(form.opensDate, form.opensTime),
      registrationClosesAt: wibInstant(form.closesDate, form.closesTime),
      targetGroups: form.targetGroups as EventBody['targetGroups'],
      partnerIds: form.partnerIds,
    };
    setBusy(true);
    setFields({});
    try {
      const saved = editing
        ? await api<Training>('PATCH', `/events/${props.training!.id}`, { body })
        : await api<Training>('POST', '/events', { body });
      props.onSaved(saved, !editing);
    } catch (err) {
      setProblem(errorMessage(err));
      const found = fieldErrors(err, EVENT_FIELD_MESSAGES);
      if (err instanceof ApiError && err.code === 'capacity_below_confirmed')
        found.capacity = EVENT_FIELD_MESSAGES.capacity_below_confirmed;
      setFields(found);
    } finally {
      setBusy(false);
    }
  };

  const dateTime = (dateKey: keyof Form, timeKey: keyof Form, field: string, dateLabel: string, timeLabel: string) => (
    <div class="date-time">
      <Field id={`${field}-date`} label={dateLabel} error={fields[field]}>
        {(a) => <input {...a} type="date" value={form[dateKey] as string} onInput={set(dateKey)} />}
      </Field>
      <Field id={`${field}-time`} label={timeLabel}>
        {(a) => (
          <input
            {...a}
            type="time"
            value={form[timeKey] as string}
            onInput={set(timeKey)}
            aria-invalid={fields[field] ? 'true' : undefined}
          />
        )}
      </Field>
    </div>
  );

  return (
    <section aria-labelledby="training-form-title">
      <h2 id="training-form-title" tabIndex={-1} ref={heading}>
        {editing ? `Ubah pelatihan: ${props.training!.title}` : 'Buat pelatihan baru'}
      </h2>
      {!editing && (
        <p class="lead">Pelatihan baru tersimpan sebagai draf dan belum terlihat oleh masyarakat sampai diterbitkan.</p>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <form class="form staff-form" onSubmit={save} noValidate>
        <Field id="title" label="Judul" error={fields.title}>
          {(a) => <input {...a} value={form.title} onInput={set('title')} maxLength={200} required />}
        </Field>
        <Field id="pillar" label="Pilar" error={fields.pillar}>
          {(a) => (
            <select {...a} value={form.pillar} onChange={set('pillar')} required>
              <option value="">Pilih pilar…</option>
              {Object.entries(PILLARS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="description" label="Deskripsi" error={fields.description}>
          {(a) => <textarea {...a} rows={5} value={form.description} onInput={set('description')} maxLength={10000} />}
        </Field>
        <Field id="format" label="Bentuk" error={fields.format}>
          {(a) => (
            <select {...a} value={form.format} onChange={set('format')}>
              {Object.entries(FORMATS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        {physical && (
          <>
            <Field id="venue" label="Tempat" error={fields.venue} hint="Contoh: Aula Kecamatan Bukateja">
              {(a) => <input {...a} value={form.venue} onInput={set('venue')} maxLength={200} />}
            </Field>
            <Field id="kecamatanCode" label="Kecamatan" error={fields.kecamatanCode}>
              {(a) => (
                <select {...a} value={form.kecamatanCode} onChange={set('kecamatanCode')}>
                  <option value="">Pilih kecamatan…</option>
                  {props.kecamatan.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        {online && (
          <Field
            id="onlineUrl"
            label="Tautan daring"
            error={fields.onlineUrl}
            hint="Hanya terlihat oleh peserta yang terkonfirmasi."
          >
            {(a) => (
              <input
                {...a}
                type="url"
                inputMode="url"
                value={form.onlineUrl}
                onInput={set('onlineUrl')}
                maxLength={500}
              />
            )}
          </Field>
        )}
        <fieldset class="group">
          <legend>Waktu pelatihan (WIB)</legend>
          {dateTime('startDate', 'startTime', 'startsAt', 'Tanggal mulai', 'Jam mulai')}
          {dateTime('endDate', 'endTime', 'endsAt', 'Tanggal selesai', 'Jam selesai')}
        </fieldset>
        <Field id="capacity" label="Kuota peserta" error={fields.capacity}>
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              value={form.capacity}
              onInput={set('capacity')}
              required
            />
          )}
        </Field>
        <div class="check">
          <input
            id="waitlistEnabled"
            type="checkbox"
            checked={form.waitlistEnabled}
            onChange={set('waitlistEnabled')}
          />
          <label for="waitlistEnabled">Buka daftar tunggu bila kuota penuh</label>
        </div>
        <fieldset class="group">
          <legend>Masa pendaftaran (WIB)</legend>
          <p class="hint">
            Boleh dikosongkan: pendaftaran lalu dibuka sejak diterbitkan dan ditutup saat pelatihan mulai.
          </p>
          {dateTime('opensDate', 'opensTime', 'registrationOpensAt', 'Tanggal buka', 'Jam buka')}
          {dateTime('closesDate', 'closesTime', 'registrationClosesAt', 'Tanggal tutup', 'Jam tutup')}
        </fieldset>
        <fieldset class="group" aria-describedby={fields.targetGroups ? 'targetGroups-error' : undefined}>
          <legend>Sasaran peserta (boleh dikosongkan)</legend>
          <div class="check-grid">
            {Object.entries(OCCUPATIONS).map(([v, l]) => (
              <div class="check" key={v}>
                <input
                  id={`tg-${v}`}
                  type="checkbox"
                  checked={form.targetGroups.includes(v)}
                  onChange={toggle('targetGroups', v)}
                />
                <label for={`tg-${v}`}>{l}</label>
              </div>
            ))}
          </div>
          {fields.targetGroups && (
            <p class="field-error" id="targetGroups-error">
              {fields.targetGroups}
            </p>
          )}
        </fieldset>
        <fieldset class="group" aria-describedby={fields.partnerIds ? 'partnerIds-error' : undefined}>
          <legend>Mitra penyelenggara</legend>
          {props.partners.length === 0 ? (
            <p class="hint">Belum ada mitra terdaftar.</p>
          ) : (
            <div class="check-grid">
              {props.partners.map((p) => (
                <div class="check" key={p.id}>
                  <input
                    id={`partner-${p.id}`}
                    type="checkbox"
                    checked={form.partnerIds.includes(p.id)}
                    onChange={toggle('partnerIds', p.id)}
                  />
                  <label for={`partner-${p.id}`}>{p.name}</label>
                </div>
              ))}
            </div>
          )}
          {fields.partnerIds && (
            <p class="field-error" id="partnerIds-error">
              {fields.partnerIds}
            </p>
          )}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {editing ? 'Simpan perubahan' : 'Simpan draf'}
          </button>
          <button type="button" class="button button--secondary" onClick={props.onCancel}>
            Batal
          </button>
        </div>
      </form>
    </section>
  );
}
