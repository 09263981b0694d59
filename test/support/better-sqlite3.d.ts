/**
 * The part of better-sqlite3 (a dependency through TypeORM's SQLite driver, which ships no types) that
 * fault tests use to open a second connection to a database file.
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
