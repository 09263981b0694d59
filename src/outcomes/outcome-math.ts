/**
 * The arithmetic of learning outcomes, pure so it is tested without a database: scoring an attempt, and
 * turning the sums the report's SQL returns into means and a 95 % confidence interval of the mean gain.
 */

export interface QuizQuestion {
  text: string;
  options: string[];
  correctIndex: number;
}

export interface Score {
  correctCount: number;
  questionCount: number;
  /** 0–100, rounded to a whole number (whole numbers keep the report's SQL sums exact). */
  score: number;
}

/** Scores answers (one option index per question, already checked to fit) against the version's questions. */
export function scoreAnswers(questions: readonly QuizQuestion[], answers: readonly number[]): Score {
  if (answers.length !== questions.length) throw new Error('one answer per question');
  const correctCount = questions.reduce((n, q, i) => n + (answers[i] === q.correctIndex ? 1 : 0), 0);
  return { correctCount, questionCount: questions.length, score: Math.round((100 * correctCount) / questions.length) };
}

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom. */
const T_975 = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
  2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098155, 2.100922, 2.0930241, 2.0859634,
  2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
];
const Z_975 = 1.959963984540054;

/**
 * t(0.975, df): the table up to 30 degrees of freedom, beyond that the Cornish–Fisher expansion of t around
 * the normal quantile (four terms; off by less than 2·10⁻⁶ at df = 31 and less as df grows).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error('degrees of freedom must be a positive integer');
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  const [z3, z5, z7] = [z ** 3, z ** 5, z ** 7];
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

export interface GainStats {
  meanGain: number | null;
  /** [low, high] of the 95 % interval of the mean gain (Student's t with n − 1 df); null when n < 2. */
  gainCi95: [number, number] | null;
}

/**
 * Mean and 95 % confidence interval of the gain from its count, sum and sum of squares (what one grouped SQL
 * query can return). Sample variance (sumSq − sum²/n)/(n − 1); with whole-number gains the sums are exact,
 * and a tiny negative variance from rounding is taken as 0.
 */
export function gainStats(n: number, sum: number, sumSq: number): GainStats {
  if (n < 1) return { meanGain: null, gainCi95: null };
  const mean = sum / n;
  if (n < 2) return { meanGain: round2(mean), gainCi95: null };
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { meanGain: round2(mean), gainCi95: [round2(mean - half), round2(mean + half)] };
}

/** Two decimals for the report; null stays null. */
export function round2(value: number): number;
export function round2(value: number | null): number | null;
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
