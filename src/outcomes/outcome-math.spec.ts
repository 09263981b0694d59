import { gainStats, round2, scoreAnswers, tQuantile975, type QuizQuestion } from './outcome-math.js';

const q = (correctIndex: number): QuizQuestion => ({ text: 'Soal', options: ['a', 'b', 'c', 'd'], correctIndex });

describe('outcome math', () => {
  it('scores the share of correct answers as a whole number 0–100', () => {
    const questions = [q(0), q(1), q(2), q(3), q(0), q(1), q(2)];
    expect(scoreAnswers(questions, [0, 1, 2, 3, 0, 1, 2])).toEqual({ correctCount: 7, questionCount: 7, score: 100 });
    expect(scoreAnswers(questions, [1, 0, 0, 0, 1, 0, 0])).toEqual({ correctCount: 0, questionCount: 7, score: 0 });
    // 5 of 7 = 71.43 → 71; 4 of 7 = 57.14 → 57; 1 of 8 = 12.5 → 13 (half up)
    expect(scoreAnswers(questions, [0, 1, 2, 3, 0, 0, 0]).score).toBe(71);
    expect(scoreAnswers(questions, [0, 1, 2, 3, 1, 0, 0]).score).toBe(57);
    expect(scoreAnswers([...questions, q(0)], [0, 0, 0, 0, 1, 0, 0, 1]).score).toBe(13);
    expect(() => scoreAnswers(questions, [0])).toThrow();
  });

  it("gives Student's t quantiles: the table, then the expansion close to published values", () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(9)).toBeCloseTo(2.2622, 4);
    expect(tQuantile975(30)).toBeCloseTo(2.0423, 4);
    expect(tQuantile975(31)).toBeCloseTo(2.0395134, 5);
    expect(tQuantile975(60)).toBeCloseTo(2.0002978, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.9799304, 5);
    expect(tQuantile975(100000)).toBeCloseTo(1.959984, 5);
    expect(() => tQuantile975(0)).toThrow();
  });

  it('computes the mean gain and its 95 % interval from count, sum and sum of squares', () => {
    // gains 10, 20, 30: mean 20, s = 10, half-width t(2)·10/√3 = 4.3026527·5.7735 = 24.84
    const gains = [10, 20, 30];
    const sum = gains.reduce((a, b) => a + b, 0);
    const sumSq = gains.reduce((a, b) => a + b * b, 0);
    expect(gainStats(3, sum, sumSq)).toEqual({ meanGain: 20, gainCi95: [-4.84, 44.84] });
  });

  it('has no interval below two observations, and none at all without any', () => {
    expect(gainStats(0, 0, 0)).toEqual({ meanGain: null, gainCi95: null });
    expect(gainStats(1, 15, 225)).toEqual({ meanGain: 15, gainCi95: null });
  });

  it('collapses to the mean when every gain is the same', () => {
    expect(gainStats(50, 50 * 12, 50 * 144)).toEqual({ meanGain: 12, gainCi95: [12, 12] });
  });

  it('matches a direct computation on many observations', () => {
    const gains = Array.from({ length: 400 }, (_, i) => ((i * 37) % 101) - 30);
    const n = gains.length;
    const mean = gains.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1));
    const half = tQuantile975(n - 1) * (sd / Math.sqrt(n));
    const stats = gainStats(
      n,
      gains.reduce((a, b) => a + b, 0),
      gains.reduce((a, b) => a + b * b, 0),
    );
    expect(stats.meanGain).toBe(round2(mean));
    expect(stats.gainCi95).toEqual([round2(mean - half), round2(mean + half)]);
  });
});
