import ipaddr from 'ipaddr.js';

/** The network a request came from: its /24 for IPv4, its /64 for IPv6 (IPv4-mapped addresses as IPv4). Undefined when it is no address. */
export function sourceNetwork(address: string): string | undefined {
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
