import { sourceNetwork } from './source-network';

describe('sourceNetwork', () => {
  it('gives the /24 of IPv4 (mapped IPv6 included), the /64 of IPv6, and nothing for what is no address', () => {
    expect(sourceNetwork('10.1.2.3')).toBe('10.1.2.0/24');
    expect(sourceNetwork('::ffff:10.1.2.3')).toBe('10.1.2.0/24');
    expect(sourceNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(sourceNetwork('not an address')).toBeUndefined();
  });

  it('answers the same for an address asked again, also after more distinct addresses than it remembers', () => {
    const first = ['10.1.2.3', '2001:db8:1:2:3:4:5:6', 'not an address'].map(sourceNetwork);
    for (let i = 0; i < 10_000; i++)
      expect(sourceNetwork(`172.${(i >> 8) & 255}.${i & 255}.9`)).toBe(`172.${(i >> 8) & 255}.${i & 255}.0/24`);
    expect(['10.1.2.3', '2001:db8:1:2:3:4:5:6', 'not an address'].map(sourceNetwork)).toEqual(first);
    expect(first).toEqual(['10.1.2.0/24', '2001:db8:1:2::/64', undefined]);
  });
});
