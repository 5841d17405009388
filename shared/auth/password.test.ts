import { describe, expect, it } from 'vitest';
import { assessPassphrase } from '../backup/passphrase';
import {
  assessPassword,
  checkPasswordStrength,
  hashPassword,
  PBKDF2_ITERATIONS,
  verifyPassword,
} from './password';

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
  it('accepts a mixed password that is hard to guess and a long passphrase', async () => {
    expect(await assessPassword('Clinic#2026x', 'lina')).toEqual([]);
    expect(await assessPassword('correct horse battery')).toEqual([]);
    expect(await assessPassword('Wang#Fang2026', 'wangfang')).toEqual([]);
  });

  it.each([
    ['aaaaaaaaaaaaaa', 'repeated'],
    ['11111111111111', 'repeated'],
    ['Password123', 'common'],
    ['12345678Aa', 'common'],
    ['qwertyuiop', 'common'],
    ['abc', 'too-short'],
  ] as const)('refuses %s for a clinic owner, naming the rule (%s)', async (password, rule) => {
    expect(await assessPassword(password, 'lina')).toContain(rule);
  });

  it('refuses a password that contains the username, whatever its case', async () => {
    expect(await assessPassword('Wangfang#2026', 'wangfang')).toContain('contains-username');
    expect(checkPasswordStrength('xxLINA#2026xx', 'lina')).toContain('contains-username');
  });

  it('gives the quick hint while typing without loading the dictionary', () => {
    expect(checkPasswordStrength('abc')).toEqual(['too-short']);
    expect(checkPasswordStrength('12345678')).toEqual(['common']);
  });
});

describe('backup passphrase strength', () => {
  it('refuses ten repeated letters though they are long enough', async () => {
    expect(await assessPassphrase('aaaaaaaaaa')).toBe('repeated');
    expect(await assessPassphrase('short')).toBe('too-short');
  });

  it('accepts a phrase the clinic can write on the card in the safe', async () => {
    expect(await assessPassphrase('康宁诊所的备份 2026')).toBeUndefined();
    expect(await assessPassphrase('a brand new passphrase')).toBeUndefined();
  });
});
