import { silentRelayLogger } from '../../relay/relay-logger';
import { kafkaClientConfig } from './kafka-client-config';

describe('kafkaClientConfig', () => {
  const base = { brokers: ['k1:9093', 'k2:9093'] };

  it('speaks plaintext without TLS or SASL by default', () => {
    expect(kafkaClientConfig(base, silentRelayLogger)).toMatchObject({
      clientId: 'keyward-audit-relay',
      brokers: ['k1:9093', 'k2:9093'],
      ssl: false,
      sasl: undefined,
    });
  });

  it('verifies brokers against the given CA, or the system trust store without one', () => {
    expect(kafkaClientConfig({ ...base, ssl: true, sslCa: 'PEM' }, silentRelayLogger).ssl).toEqual({ ca: ['PEM'] });
    expect(kafkaClientConfig({ ...base, ssl: true }, silentRelayLogger).ssl).toBe(true);
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)('passes SASL %s credentials through', (mechanism) => {
    const config = kafkaClientConfig({ ...base, ssl: true, sasl: { mechanism, username: 'relay', password: 'pw' } }, silentRelayLogger);
    expect(config.sasl).toEqual({ mechanism, username: 'relay', password: 'pw' });
  });
});
