/** mysql2 connection options from a `mysql://user:pass@host:3306/db` URL (DATABASE_URL). */
export function mysqlOptions(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'mysql:') throw new Error('DATABASE_URL must be mysql://user:pass@host:3306/db');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}
