import { problemCodeViolations } from '../support/problem-code-check.js';

// Fails the test (or, for answers that arrive between tests, the suite) during which an app booted by
// test/support answered an error without a listed problem code.
function assertNone(): void {
  const found = problemCodeViolations().splice(0);
  if (found.length > 0) throw new Error(`error answers without a code from PROBLEM_CODES:\n${found.join('\n')}`);
}
afterEach(assertNone);
afterAll(assertNone);
