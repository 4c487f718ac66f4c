import { normalizeConnectionString } from './esdb-connection-string';

describe('normalizeConnectionString', () => {
  it('turns a multi-host esdb+discover:// (which the client reduces to its first host) into gossip seeds', () => {
    const { connectionString } = normalizeConnectionString('esdb+discover://a:2113,b:2113,c:2113?tls=false');
    expect(connectionString).toBe('esdb://a:2113,b:2113,c:2113?tls=false&gossipTimeout=1');
  });

  it('keeps one discover host, an operator-set gossip timeout and a single node as they are', () => {
    expect(normalizeConnectionString('esdb+discover://cluster.internal:2113?tls=false').connectionString).toBe(
      'esdb+discover://cluster.internal:2113?tls=false',
    );
    expect(normalizeConnectionString('esdb://a:1,b:2?tls=false&gossipTimeout=3').connectionString).toBe(
      'esdb://a:1,b:2?tls=false&gossipTimeout=3',
    );
    expect(normalizeConnectionString('esdb://a:1?tls=false').connectionString).toBe('esdb://a:1?tls=false');
  });

  it('passes the connection credentials on appends; insecure connections send none whatever is passed', () => {
    expect(normalizeConnectionString('esdb://admin:changeit@a:2113').appendCredentials).toEqual({
      username: 'admin',
      password: 'changeit',
    });
    expect(normalizeConnectionString('esdb://a:2113?tls=false').appendCredentials).toBeDefined();
    expect(normalizeConnectionString('esdb://a:2113?tls=true').appendCredentials).toBeUndefined();
  });
});
