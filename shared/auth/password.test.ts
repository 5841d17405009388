import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores a salted PBKDF2 hash, never the password', async () => {
    const stored = await hashPassword('Zhang-San-2026');
    expect(stored.iterations).toBeGreaterThanOrEqual(600_000);
    expect(stored.iterations).toBe(PBKDF2_ITERATIONS);
    expect(JSON.stringify(stored)).not.toContain('Zhang-San-2026');
    expect(await verifyPassword('Zhang-San-2026', stored)).toBe(true);
    expect(await verifyPassword('zhang-san-2026', stored)).toBe(false);
  });

  it('gives the same password two different hashes (salt)', async () => {
    const [a, b] = await Promise.all([
      hashPassword('Same-Pass-123'),
      hashPassword('Same-Pass-123'),
    ]);
    expect(a.hash).not.toBe(b.hash);
  });
});

describe('password strength', () => {
  it('accepts a mixed password of 8 characters and a long passphrase', () => {
    expect(checkPasswordStrength('Clinic#26')).toEqual([]);
    expect(checkPasswordStrength('correct horse battery')).toEqual([]);
  });

  it('names what is wrong with a weak password', () => {
    expect(checkPasswordStrength('abc')).toEqual(
      expect.arrayContaining(['too-short', 'too-simple']),
    );
    expect(checkPasswordStrength('12345678')).toEqual(
      expect.arrayContaining(['too-simple', 'common']),
    );
    expect(checkPasswordStrength('Wangfang#2026', 'wangfang')).toContain('contains-username');
  });
});
