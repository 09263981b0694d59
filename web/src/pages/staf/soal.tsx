import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import type { Page, Pillar } from '../../api/types';
import { Field, Loading, Notice, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../format';
import { PILLARS } from '../../i18n/id';
import { RoleGate, STAFF_ROLES } from '../../require-role';

type QuizVersion = components['schemas']['QuizVersionResponseDto'];
type Question = components['schemas']['QuizQuestionDto'];

// The API's bounds (PUT /pillars/:pillar/quiz): checked here too so the form can say which question is wrong.
const MIN_QUESTIONS = 5;
const MAX_QUESTIONS = 15;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 6;
const LETTERS = 'ABCDEF';

const blankQuestion = (): Question => ({ text: '', options: ['', ''], correctIndex: -1 });

/** What is missing in the draft, per question (null when it can be sent). */
function problems(questions: Question[]): { all?: string; perQuestion: (string | null)[] } {
  const perQuestion = questions.map((q) => {
    if (!q.text.trim()) return 'Tulis pertanyaannya.';
    if (q.options.some((o) => !o.trim())) return 'Isi setiap pilihan jawaban, atau hapus yang tidak dipakai.';
    if (q.correctIndex < 0 || q.correctIndex >= q.options.length) return 'Pilih jawaban yang benar.';
    return null;
  });
  const all =
    questions.length < MIN_QUESTIONS || questions.length > MAX_QUESTIONS
      ? `Satu set berisi ${MIN_QUESTIONS} sampai ${MAX_QUESTIONS} pertanyaan.`
      : undefined;
  return { all, perQuestion };
}

function QuestionList({ questions }: { questions: Question[] }) {
  return (
    <ol class="quiz-review">
      {questions.map((q, i) => (
        <li key={i}>
          <p>{q.text}</p>
          <ol class="quiz-review__options" type="A">
            {q.options.map((o, j) => (
              <li key={j} class={j === q.correctIndex ? 'correct' : undefined}>
                {o}
                {j === q.correctIndex && <strong> (jawaban benar)</strong>}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

function Editor(props: { pillar: Pillar; start: Question[]; onSaved: (v: QuizVersion) => void; onCancel: () => void }) {
  const [questions, setQuestions] = useState<Question[]>(props.start);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = problems(questions);

  const update = (i: number, change: (q: Question) => Question) =>
    setQuestions((qs) => qs.map((q, k) => (k === i ? change(q) : q)));

  const save = async (e: Event) => {
    e.preventDefault();
    setShown(true);
    setError(null);
    if (check.all || check.perQuestion.some(Boolean)) {
      setError('Periksa lagi pertanyaan yang ditandai.');
      return;
    }
    setBusy(true);
    try {
      const body = {
        questions: questions.map((q) => ({
          text: q.text.trim(),
          options: q.options.map((o) => o.trim()),
          correctIndex: q.correctIndex,
        })),
      };
      props.onSaved(await api<QuizVersion>('PUT', `/pillars/${props.pillar}/quiz`, { body }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="quiz-editor" onSubmit={save} noValidate aria-labelledby="editor-title">
      <h2 id="editor-title">Versi baru soal {PILLARS[props.pillar]}</h2>
      <p class="hint">
        Pilihan ganda, {MIN_QUESTIONS}–{MAX_QUESTIONS} pertanyaan, {MIN_OPTIONS}–{MAX_OPTIONS} pilihan per pertanyaan.
        Nilai yang sudah ada tetap memakai versi lamanya.
      </p>
      {questions.map((q, i) => {
        const problem = shown ? check.perQuestion[i] : null;
        const n = i + 1;
        return (
          <fieldset
            key={i}
            class={`quiz-question${problem ? ' field--error' : ''}`}
            aria-describedby={problem ? `q${i}-error` : undefined}
          >
            <legend>Pertanyaan {n}</legend>
            <Field id={`q${i}-text`} label={`Teks pertanyaan ${n}`}>
              {(a11y) => (
                <textarea
                  {...a11y}
                  rows={2}
                  maxLength={300}
                  value={q.text}
                  onInput={(e) => update(i, (x) => ({ ...x, text: e.currentTarget.value }))}
                />
              )}
            </Field>
            <div role="radiogroup" aria-label={`Jawaban benar pertanyaan ${n}`} class="quiz-options">
              {q.options.map((o, j) => (
                <div class="quiz-option" key={j}>
                  <input
                    type="radio"
                    name={`q${i}-correct`}
                    id={`q${i}-o${j}-correct`}
                    checked={q.correctIndex === j}
                    onChange={() => update(i, (x) => ({ ...x, correctIndex: j }))}
                  />
                  <label for={`q${i}-o${j}-correct`} class="visually-hidden">
                    {LETTERS[j]} benar
                  </label>
                  <label for={`q${i}-o${j}`}>Pilihan {LETTERS[j]}</label>
                  <input
                    id={`q${i}-o${j}`}
                    value={o}
                    maxLength={150}
                    onInput={(e) =>
                      update(i, (x) => ({
                        ...x,
                        options: x.options.map((v, k) => (k === j ? e.currentTarget.value : v)),
                      }))
                    }
                  />
                  {q.options.length > MIN_OPTIONS && (
                    <button
                      type="button"
                      class="link-button link-button--danger"
                      onClick={() =>
                        update(i, (x) => ({
                          ...x,
                          options: x.options.filter((_, k) => k !== j),
                          correctIndex:
                            x.correctIndex === j ? -1 : x.correctIndex > j ? x.correctIndex - 1 : x.correctIndex,
                        }))
                      }
                    >
                      Hapus pilihan {LETTERS[j]}
                    </button>
                  )}
                </div>
              ))}
            </div>
            {problem && (
              <p class="field-error" id={`q${i}-error`}>
                {problem}
              </p>
            )}
            <div class="actions">
              {q.options.length < MAX_OPTIONS && (
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => update(i, (x) => ({ ...x, options: [...x.options, ''] }))}
                >
                  Tambah pilihan
                </button>
              )}
              {questions.length > MIN_QUESTIONS && (
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}
                >
                  Hapus pertanyaan {n}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      {shown && check.all && <p class="field-error">{check.all}</p>}
      {questions.length < MAX_QUESTIONS && (
        <p>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => setQuestions((qs) => [...qs, blankQuestion()])}
          >
            Tambah pertanyaan
          </button>
        </p>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          Simpan versi baru
        </button>
        <button type="button" class="button button--secondary" onClick={props.onCancel}>
          Batal
        </button>
      </div>
    </form>
  );
}

function QuestionSets() {
  const [pillar, setPillar] = useState<Pillar>('digital_skills');
  const [versions, setVersions] = useState<QuizVersion[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Soal tes · Bangga Macapat';
  }, []);

  useEffect(() => {
    let current = true;
    setVersions(null);
    setError(null);
    api<Page<QuizVersion>>('GET', `/pillars/${pillar}/quiz/versions?limit=100`)
      .then((p) => {
        if (!current) return;
        setVersions(p.data);
        setTotal(p.meta.total);
      })
      .catch((err) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [pillar]);

  const [latest, ...older] = versions ?? [];
  return (
    <>
      <PageTitle>Soal tes</PageTitle>
      <p class="lead">
        Soal tes awal dan tes akhir per pilar. Peserta mengerjakan versi terbaru; versi lama tetap tersimpan bersama
        nilainya.
      </p>
      <Field id="quiz-pillar" label="Pilar">
        {(a11y) => (
          <select
            {...a11y}
            value={pillar}
            disabled={editing}
            onChange={(e) => {
              setPillar(e.currentTarget.value as Pillar);
              setSaved(null);
            }}
          >
            {Object.entries(PILLARS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {saved && <Notice kind="success">{saved}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!versions && !error && <Loading />}
      {versions && editing && (
        <Editor
          pillar={pillar}
          start={
            latest
              ? latest.questions.map((q) => ({ ...q, options: [...q.options] }))
              : Array.from({ length: MIN_QUESTIONS }, blankQuestion)
          }
          onCancel={() => setEditing(false)}
          onSaved={(v) => {
            setVersions([v, ...versions]);
            setTotal((t) => t + 1);
            setEditing(false);
            setSaved(`Versi ${v.version} soal ${PILLARS[v.pillar]} disimpan dan dipakai mulai sekarang.`);
          }}
        />
      )}
      {versions && !editing && (
        <>
          <section aria-labelledby="current-title" class="card quiz-current">
            <h2 id="current-title">{latest ? `Versi ${latest.version} (berlaku)` : 'Belum ada soal'}</h2>
            {latest ? (
              <>
                <p class="hint">
                  Dibuat {formatDateTime(latest.createdAt)} · {latest.questions.length} pertanyaan
                </p>
                <QuestionList questions={latest.questions} />
              </>
            ) : (
              <p>Peserta pelatihan pilar {PILLARS[pillar]} belum bisa mengerjakan tes sampai soal dibuat.</p>
            )}
            <button
              type="button"
              class="button"
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              Buat versi baru
            </button>
          </section>
          {older.length > 0 && (
            <section aria-labelledby="older-title">
              <h2 id="older-title">Versi sebelumnya</h2>
              <p class="hint">Hanya untuk dibaca: nilai yang diambil dengan versi ini tetap memakainya.</p>
              {older.map((v) => (
                <details key={v.id} class="card quiz-old">
                  <summary>
                    Versi {v.version} · {formatDateTime(v.createdAt)}
                  </summary>
                  <QuestionList questions={v.questions} />
                </details>
              ))}
              {total > versions.length && (
                <p class="hint">
                  Menampilkan {versions.length} versi terbaru dari {total}.
                </p>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}

export function QuestionSetsPage() {
  return <RoleGate roles={STAFF_ROLES}>{() => <QuestionSets />}</RoleGate>;
}
