/**
 * Query parameters whose values never reach a log line: credentials (calendar feed tokens, refresh
 * tokens) and personal search terms (staff look people up by NIK, phone or e-mail through `q`).
 * Compared case-insensitively on the decoded name without any `[…]` suffix, because Express's query
 * parser reads `%71=`, `q[]=` and `q[0]=` as `q` too.
 */
const REDACTED_QUERY_KEYS: ReadonlySet<string> = new Set([
  'q',
  'search',
  'nik',
  'phone',
  'email',
  'name',
  'fullname',
  'birthdate',
  'token',
  'refreshtoken',
  'password',
]);

export const REDACTED = '[redacted]';
const PARAMETER_NAME = /^[a-z_][a-z0-9_.-]{0,63}$/;

function keyName(rawKey: string): string | null {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' ')).replace(/\[.*$/s, '').trim().toLowerCase();
  } catch {
    // Malformed percent-encoding: the name cannot be read, so the value is not trusted to be harmless.
    return null;
  }
}

/**
 * The URL with the value of every personal or secret query parameter replaced by `[redacted]`. Only the
 * query is touched. A part whose name is not shaped like a parameter name (undecodable, or data typed
 * where a name goes, as in `?081227004321`) is replaced whole.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      if (!part) return part;
      const eq = part.indexOf('=');
      const name = keyName(eq < 0 ? part : part.slice(0, eq));
      if (name === null || !PARAMETER_NAME.test(name)) return REDACTED;
      return REDACTED_QUERY_KEYS.has(name) && eq >= 0 ? `${part.slice(0, eq + 1)}${REDACTED}` : part;
    });
  return `${url.slice(0, q)}?${query.join('&')}`;
}
