import { parseTrustedProxies } from './trusted-proxies';

describe('TRUST_PROXY', () => {
  it('trusts listed addresses and ranges, IPv4-mapped peers included, and nobody by default', () => {
    const { proxies, problems } = parseTrustedProxies('10.0.0.0/8, 192.0.2.7, fd00::/8');
    expect(problems).toEqual([]);
    expect(['10.1.2.3', '::ffff:10.9.9.9', '192.0.2.7', 'fd00::1'].map((a) => proxies.trusts(a))).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '192.0.2.8', '::1', undefined, 'junk'].map((a) => proxies.trusts(a))).toEqual([false, false, false, false, false]);
    expect(parseTrustedProxies('').proxies.trusts('127.0.0.1')).toBe(false);
  });

  it('names each entry that is not an address or CIDR range', () => {
    expect(parseTrustedProxies('10.0.0.0/33, lb.internal, 10.0.0.1/8/1, ::1/129').problems).toHaveLength(4);
  });
});
