import { normalizeIp } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The client address as login counters key it. IPv4 as is, IPv6 by its /64 (one subscriber usually holds
 * a whole /64, and rotating addresses inside it must not reset a lockout), as the throttler does.
 * Behind a trusted proxy Express takes the address from X-Forwarded-For, where a client may write
 * anything: a value that is no address is keyed by its hash, so it fits the column and is still counted.
 */
export function clientAddressKey(ip: string | undefined): string {
  const raw = ip ?? '';
  const bare = raw.split('%')[0];
  if (isIP(bare) !== 0) return normalizeIp(bare);
  return `unparsed:${createHash('sha256').update(raw).digest('hex').slice(0, 40)}`;
}
