import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';
import { readClientCredentials } from './client-authentication';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('readClientCredentials (RFC 6749 §2.3.1)', () => {
  it('reads client_secret_basic, form-decoding id and secret', () =>
    expect(readClientCredentials(basic('kw_ci_a%2Bb', 's%3Ax+y'), {})).toEqual({
      clientId: 'kw_ci_a+b',
      clientSecret: 's:x y',
      method: 'client_secret_basic',
    }));
  it('reads the Basic scheme in any case and with surrounding spaces (RFC 7235 §2.1), and only base64 after it', () => {
    const credentials = Buffer.from('kw_ci_a:s').toString('base64');
    for (const header of [`basic ${credentials}`, `  BASIC ${credentials} `])
      expect(readClientCredentials(header, {})).toEqual({ clientId: 'kw_ci_a', clientSecret: 's', method: 'client_secret_basic' });
    for (const header of [`Basic  ${credentials}`, `Bearer ${credentials}`, `Basic ${credentials}===`, `Basic ${credentials}.`, 'Basic '])
      expect(() => readClientCredentials(header, {})).toThrow(InvalidClient);
  });
  it('reads client_secret_post', () =>
    expect(readClientCredentials(undefined, { client_id: 'c', client_secret: 's' })).toEqual({
      clientId: 'c',
      clientSecret: 's',
      method: 'client_secret_post',
    }));
  it('refuses credentials in both header and body', () =>
    expect(() => readClientCredentials(basic('c', 's'), { client_id: 'c', client_secret: 's' })).toThrow(InvalidRequest));
  it('refuses a malformed Basic header as invalid_client with the Basic flag', () => {
    expect(() => readClientCredentials('Basic !!!', {})).toThrow(InvalidClient);
    try {
      readClientCredentials(`Basic ${Buffer.from('nocolon').toString('base64')}`, {});
    } catch (e) {
      expect((e as InvalidClient).usedBasic).toBe(true);
    }
  });
  it('refuses a request without client authentication', () => expect(() => readClientCredentials(undefined, {})).toThrow(InvalidClient));
});

describe('readClientCredentials: private_key_jwt (RFC 7523 §2.2)', () => {
  const type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  it('reads a client assertion, with or without client_id', () => {
    expect(readClientCredentials(undefined, { client_assertion_type: type, client_assertion: 'a.b.c' })).toEqual({
      method: 'private_key_jwt',
      assertion: 'a.b.c',
    });
    expect(readClientCredentials(undefined, { client_assertion_type: type, client_assertion: 'a.b.c', client_id: 'c' })).toEqual({
      method: 'private_key_jwt',
      assertion: 'a.b.c',
      clientId: 'c',
    });
  });
  it('refuses a wrong or missing assertion type, a missing assertion, and an assertion beside a secret or Basic', () => {
    expect(() => readClientCredentials(undefined, { client_assertion_type: 'urn:other', client_assertion: 'a.b.c' })).toThrow(
      InvalidRequest,
    );
    expect(() => readClientCredentials(undefined, { client_assertion: 'a.b.c' })).toThrow(InvalidRequest);
    expect(() => readClientCredentials(undefined, { client_assertion_type: type })).toThrow(InvalidRequest);
    expect(() => readClientCredentials(undefined, { client_assertion_type: type, client_assertion: 'a.b.c', client_secret: 's' })).toThrow(
      InvalidRequest,
    );
    expect(() => readClientCredentials(basic('c', 's'), { client_assertion_type: type, client_assertion: 'a.b.c' })).toThrow(
      InvalidRequest,
    );
  });
});
