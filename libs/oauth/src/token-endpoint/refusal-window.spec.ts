import type { TokenRequestRefusedData } from '@keyward/domain';
import { RefusalWindow, type RefusalRecord } from './refusal-window';

let now = 0;
const clock = () => new Date(now);
const context = { sourceIp: '198.51.100.7', userAgent: 'flood', correlationId: 'c' };
const refusal = (over: Partial<TokenRequestRefusedData> = {}): RefusalRecord => ({
  data: {
    error: 'invalid_client',
    reason: 'unknown_client',
    refusedAt: new Date(now).toISOString(),
    sourceIp: context.sourceIp,
    userAgent: 'flood',
    ...over,
  },
  context,
});

describe('RefusalWindow', () => {
  beforeEach(() => (now = 0));

  it('records the first refusal of a window at once and the rest as one counted event when it closes', () => {
    const window = new RefusalWindow({ windowMs: 60_000, maxOpenWindows: 100 }, clock);
    expect(window.admit(refusal())).toHaveLength(1);
    for (let i = 0; i < 999; i++) {
      now += 10;
      expect(window.admit(refusal())).toEqual([]);
    }
    expect(window.closeExpired()).toEqual([]);
    now = 60_000;
    expect(window.closeExpired()).toEqual([
      {
        data: expect.objectContaining({ count: 999, firstRefusedAt: new Date(10).toISOString(), refusedAt: new Date(9990).toISOString() }),
        context,
      },
    ]);
    expect(window.openWindows).toBe(0);
  });

  it('keys known clients by client_id and everything else by source address, so made-up client ids open no windows', () => {
    const window = new RefusalWindow({ windowMs: 60_000, maxOpenWindows: 100 }, clock);
    for (let i = 0; i < 50; i++) window.admit(refusal({ clientId: `kw_ci_fake${i}` }));
    expect(window.openWindows).toBe(1);
    window.admit(refusal({ clientId: 'kw_ci_real', organizationId: 'org-1', reason: 'wrong_secret' }));
    window.admit(refusal({ clientId: 'kw_ci_real', organizationId: 'org-1', reason: 'wrong_secret', endpoint: 'introspection' }));
    expect(window.openWindows).toBe(3);
  });

  it('holds at most maxOpenWindows windows: past it, refusals share one window per reason', () => {
    const window = new RefusalWindow({ windowMs: 60_000, maxOpenWindows: 10 }, clock);
    let written = 0;
    for (let i = 0; i < 10_000; i++) written += window.admit(refusal({ sourceIp: `10.0.${i >> 8}.${i & 255}` })).length;
    expect(window.openWindows).toBe(11);
    expect(written).toBe(11);
    expect(window.drain().map((r) => r.data.count)).toEqual([9989]);
  });

  it('a refusal after its window closed writes the summary before opening the next window', () => {
    const window = new RefusalWindow({ windowMs: 1000, maxOpenWindows: 10 }, clock);
    window.admit(refusal());
    window.admit(refusal());
    now = 1000;
    expect(window.admit(refusal()).map((r) => r.data.count)).toEqual([1, undefined]);
  });
});
