import { generateClientId, generateSecret, isWellFormedSecret } from './generated-secret';
import { SecretDigester } from './secret-digester';

describe('generated secrets', () => {
  it('have the prefix, the length and a valid checksum', () => {
    const secret = generateSecret('clientSecret');
    expect(secret).toMatch(/^kw_cs_[0-9A-Za-z]{49}$/);
    expect(isWellFormedSecret('clientSecret', secret)).toBe(true);
    expect(isWellFormedSecret('apiToken', secret)).toBe(false);
    expect(isWellFormedSecret('apiToken', generateSecret('apiToken'))).toBe(true);
  });

  it('are refused when one character changes', () => {
    const secret = generateSecret('apiToken');
    const i = 20;
    const flipped = secret.slice(0, i) + (secret[i] === 'a' ? 'b' : 'a') + secret.slice(i + 1);
    expect(isWellFormedSecret('apiToken', flipped)).toBe(false);
  });

  it('never repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret('clientSecret')));
    expect(seen.size).toBe(1000);
    expect(generateClientId()).toMatch(/^kw_ci_[0-9A-Za-z]{22}$/);
  });

  it('are digested with the pepper and compared in constant time', () => {
    const digester = new SecretDigester(Buffer.alloc(32, 7));
    const secret = generateSecret('clientSecret');
    const digest = digester.digest(secret);
    expect(digest).not.toContain(secret.slice(6, 20));
    expect(digester.matches(secret, digest)).toBe(true);
    expect(digester.matches(generateSecret('clientSecret'), digest)).toBe(false);
    expect(new SecretDigester(Buffer.alloc(32, 8)).matches(secret, digest)).toBe(false);
  });
});
