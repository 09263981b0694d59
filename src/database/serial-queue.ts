/**
 * Runs async work one at a time. Used only for the embedded SQLite driver, where TypeORM shares one
 * connection between all callers: two interleaved transactions on it would merge into one. The
 * invariants themselves are still checked inside the database transaction.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
