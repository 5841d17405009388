import { z } from 'zod';
import { fromBase64, toBase64 } from '../base64';

/** OWASP 2023 floor for PBKDF2-HMAC-SHA256. Stored with each hash so it can be raised later. */
export const PBKDF2_ITERATIONS = 600_000;

export const passwordHashSchema = z.object({
  algorithm: z.literal('pbkdf2-sha256'),
  iterations: z.number().int().min(PBKDF2_ITERATIONS),
  salt: z.string().min(16),
  hash: z.string().min(16),
});
export type PasswordHash = z.infer<typeof passwordHashSchema>;

const derive = async (
  password: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
};

export const hashPassword = async (password: string): Promise<PasswordHash> => {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return {
    algorithm: 'pbkdf2-sha256',
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(salt),
    hash: toBase64(hash),
  };
};

/** Constant-time comparison, so a wrong password takes as long whatever byte differs. */
const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
};

export const verifyPassword = async (password: string, stored: PasswordHash): Promise<boolean> => {
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations);
  return equalBytes(actual, fromBase64(stored.hash));
};

export type PasswordProblem =
  'too-short' | 'too-long' | 'too-simple' | 'contains-username' | 'common';

const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '11111111',
  '88888888',
  '66666666',
  'password',
  'password1',
  'qwertyuiop',
  'abc12345',
  'a1234567',
  'iloveyou',
  '1qaz2wsx',
  'woaini1314',
  'admin123',
  'clinicdesk',
]);

/**
 * A strength check that a receptionist can satisfy without a password manager: at least 8
 * characters mixing three kinds (lower, upper, digit, other), or a passphrase of 14 or more.
 */
export const checkPasswordStrength = (password: string, username = ''): PasswordProblem[] => {
  const problems: PasswordProblem[] = [];
  if (password.length < 8) problems.push('too-short');
  if (password.length > 128) problems.push('too-long');
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (password.length < 14 && kinds < 3) problems.push('too-simple');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains-username');
  }
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  return problems;
};
