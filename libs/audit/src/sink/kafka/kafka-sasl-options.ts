import type { SASLOptions } from 'kafkajs';

export interface KafkaSasl {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

/** kafkajs types each mechanism apart; one place narrows keyward's setting to them (relay and audit tail). */
export function kafkaSaslOptions(sasl: KafkaSasl): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    default: {
      const unknown: never = sasl.mechanism;
      throw new Error(`unsupported SASL mechanism ${String(unknown)}`);
    }
  }
}
