import { isIP } from 'node:net';

/** What Express's `trust proxy` setting is given: trust all, a hop count, or the proxies' addresses and subnets. */
export type TrustProxy = boolean | number | string[];

/**
 * Subnet names Express (proxy-addr) knows: 127.0.0.1/8 + ::1,
 * 169.254.0.0/16 + fe80::/10, the private ranges + fc00::/7.
 */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** More hops than any real chain of proxies has; a larger number is more likely a typo than a deployment. */
const MAX_HOPS = 100;

function validEntry(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash === -1) return true;
  const prefix = entry.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY: `true`/`false`, a hop count (how many proxies in front of the server to believe),
 * or a comma-separated list of proxy addresses, CIDR subnets and the names above. Returns undefined when
 * unset and an error message naming the variable when the value is none of these. Passed as a string,
 * Express would read `1` as the address 0.0.0.1 (trusting nobody) and crash on `true`, hence this parser.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy | undefined } | { error: string } {
  const text = raw?.trim() ?? '';
  if (text === '') return { value: undefined };
  const lower = text.toLowerCase();
  if (lower === 'true') return { value: true };
  if (lower === 'false') return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { error: `TRUST_PROXY hop count must be at most ${MAX_HOPS}` };
    return { value: hops };
  }
  const entries = text.split(',').map((s) => s.trim());
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length > 0) {
    return {
      error:
        `TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/subnets ` +
        `(e.g. 10.0.0.0/8,::1 or loopback); not understood: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    };
  }
  return { value: entries };
}
