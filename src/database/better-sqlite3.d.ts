/**
 * The part of better-sqlite3 (the SQLite driver, which ships no types) used directly: the migration lock
 * (src/database/migrate.ts) and the fault tests' second connections to a database file.
 */
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(file: string, options?: { readonly?: boolean; timeout?: number });
    readonly inTransaction: boolean;
    exec(sql: string): this;
    prepare(sql: string): Statement;
    close(): void;
  }
  export default Database;
}
