import { Registry } from 'prom-client';
import type { AuditRelayMetrics, AuditRelayPort } from '@keyward/audit';
import { registerAuditRelayMetrics } from './audit-relay.metrics';

describe('registerAuditRelayMetrics', () => {
  it('exposes the relay port’s metrics when scraped, restarts of its thread included', async () => {
    let metrics: AuditRelayMetrics = {
      state: 'running',
      recordsPublished: 120,
      batchesPublished: 3,
      publishFailures: 1,
      recordsPerSecond: 12,
      lagEvents: 4,
      lagCapped: false,
      lagMs: 1500,
      restarts: 0,
    };
    const relay = {
      get metrics() {
        return metrics;
      },
    } as AuditRelayPort;
    const registry = new Registry();
    registerAuditRelayMetrics(registry, relay);
    metrics = { ...metrics, state: 'starting', restarts: 2 };

    const text = await registry.metrics();
    expect(text).toContain('keyward_audit_relay_restarts 2');
    expect(text).toContain('keyward_audit_relay_lag_seconds 1.5');
    expect(text).toContain('keyward_audit_relay_state{state="starting"} 1');
    expect(text).toContain('keyward_audit_relay_state{state="running"} 0');
  });
});
