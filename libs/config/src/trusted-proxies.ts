import { BlockList, isIP } from 'node:net';

/**
 * TRUST_PROXY: the load balancers whose forwarded headers (X-Forwarded-For, and any header a proxy sets
 * for the client, such as a verified client certificate) are believed. A peer outside the list is the
 * client itself, whatever its headers say.
 */
export interface TrustedProxies {
  readonly entries: readonly string[];
  /** True when the direct peer at `address` is one of the listed proxies. */
  trusts(address: string | undefined): boolean;
}

/** Parses "10.0.0.1, 10.1.0.0/16, ::1": each entry an address or a CIDR range; returns the problems of bad ones. */
export function parseTrustedProxies(raw: string): { proxies: TrustedProxies; problems: string[] } {
  const list = new BlockList();
  const problems: string[] = [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxPrefix = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (prefix !== undefined && (!/^\d{1,3}$/.test(bits) || prefix > maxPrefix))) {
      problems.push(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range (10.0.0.0/8, fd00::/8)`);
      continue;
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return { proxies: trustedProxies(entries, list), problems };
}

function trustedProxies(entries: readonly string[], list: BlockList): TrustedProxies {
  return {
    entries,
    trusts(address) {
      if (!address || entries.length === 0) return false;
      // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d.
      const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
