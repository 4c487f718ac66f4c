import { InvalidRequest } from '../errors/oauth-errors';
import { readTokenForm } from './oauth-form';

const form = (contentType: string | undefined, body: unknown = { grant_type: 'client_credentials' }) =>
  readTokenForm({ contentType, body }, ['resource']);

describe('readTokenForm (RFC 6749 §3.2)', () => {
  it.each(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8', ' Application/X-WWW-Form-URLEncoded '])(
    'reads a form sent as %j',
    (contentType) => expect(form(contentType)).toEqual({ grant_type: 'client_credentials' }),
  );

  it.each([undefined, 'application/json', 'application/x-www-form-urlencodedX', 'multipart/form-data'])(
    'refuses a body sent as %j with invalid_request',
    (contentType) => expect(() => form(contentType)).toThrow(InvalidRequest),
  );

  it('drops empty values, leaves repeatable parameters to readRepeatedParameter, and refuses any other repeated one', () => {
    expect(form('application/x-www-form-urlencoded', { grant_type: 'client_credentials', scope: '', resource: ['a', 'b'] })).toEqual({
      grant_type: 'client_credentials',
    });
    expect(() => form('application/x-www-form-urlencoded', { scope: ['a', 'b'] })).toThrow(/scope must not be repeated/);
    expect(() => form('application/x-www-form-urlencoded', { scope: { a: 1 } })).toThrow(/scope is malformed/);
  });
});
