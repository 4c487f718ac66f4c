import ipaddr from 'ipaddr.js';

const MAX_REMEMBERED_ADDRESSES = 4096;
const networks = new Map<string, string | undefined>();

/** The network a request came from: its /24 for IPv4, its /64 for IPv6 (IPv4-mapped addresses as IPv4). Undefined when it is no address. */
export function sourceNetwork(address: string): string | undefined {
  // Two read models ask for every AccessTokenIssued, and a client's address rarely changes: parsing it
  // each time was a few µs of each grant on the event loop. Bounded: a client spraying addresses empties it.
  const known = networks.get(address);
  if (known !== undefined || networks.has(address)) return known;
  if (networks.size >= MAX_REMEMBERED_ADDRESSES) networks.clear();
  const network = networkOf(address);
  networks.set(address, network);
  return network;
}

function networkOf(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') {
    const [a, b, c] = (parsed as ipaddr.IPv4).octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (parsed as ipaddr.IPv6).parts;
  return `${ipaddr.IPv6.parse(
    `${parts
      .slice(0, 4)
      .map((p) => p.toString(16))
      .join(':')}::`,
  ).toString()}/64`;
}
