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

/**
 * Why a password is refused, one rule each, so the form can say which one failed. The cheap
 * rules (length, username, a short list) are checked as the person types; the rest come from
 * zxcvbn's guess estimate, which knows the common-password lists, repeats, sequences and
 * keyboard walks that composition rules let through ("Password123", "aaaaaaaaaaaaaa").
 */
export type PasswordProblem =
  | 'too-short'
  | 'too-long'
  /** Easy to guess for no one reason zxcvbn names: make it longer. */
  | 'too-simple'
  | 'contains-username'
  | 'common'
  | 'repeated'
  | 'sequence'
  | 'keyboard'
  | 'date';

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
 * The rules that need no dictionary, for a hint while typing: length, the username, and a few
 * passwords common in China. `assessPassword` is the full check that repositories apply.
 */
export const checkPasswordStrength = (password: string, username = ''): PasswordProblem[] => {
  const problems: PasswordProblem[] = [];
  if (password.length < 8) problems.push('too-short');
  if (password.length > 128) problems.push('too-long');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains-username');
  }
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  return problems;
};

/**
 * zxcvbn's scores: 3 is "safely unguessable" online (about 10^8 guesses), which is the attack a
 * staff password faces behind the login throttle; 4 (10^10) for the backup passphrase, which an
 * attacker holding a backup file can try offline for as long as they like.
 */
export const ACCOUNT_MIN_SCORE = 3;
export const PASSPHRASE_MIN_SCORE = 4;

type Estimator = {
  check(
    password: string,
    userInputs?: string[],
  ): {
    score: number;
    feedback: { warning: string | null };
  };
};

let estimator: Promise<Estimator> | undefined;
/** The common-password dictionary is several hundred kB: loaded on first use, never at start. */
const loadEstimator = (): Promise<Estimator> =>
  (estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
  ]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  ));

/** zxcvbn's warning keys (its default translations are the keys themselves), by our rule. */
const WARNING_RULES: Readonly<Record<string, PasswordProblem>> = {
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  simpleRepeat: 'repeated',
  extendedRepeat: 'repeated',
  sequences: 'sequence',
  straightRow: 'keyboard',
  keyPattern: 'keyboard',
  recentYears: 'date',
  dates: 'date',
  userInputs: 'contains-username',
};

/** The rule a too-guessable text breaks, or undefined when it is hard enough to guess. */
export const guessabilityProblem = async (
  text: string,
  options: { minScore: number; userInputs?: readonly string[] },
): Promise<PasswordProblem | undefined> => {
  const result = (await loadEstimator()).check(text, [...(options.userInputs ?? [])]);
  if (result.score >= options.minScore) return undefined;
  return WARNING_RULES[result.feedback.warning ?? ''] ?? 'too-simple';
};

/** Every rule a new account password breaks; empty when it may be used. */
export const assessPassword = async (
  password: string,
  username = '',
): Promise<PasswordProblem[]> => {
  const problems = checkPasswordStrength(password, username);
  if (problems.includes('too-short') || problems.includes('too-long')) return problems;
  const guessable = await guessabilityProblem(password, {
    minScore: ACCOUNT_MIN_SCORE,
    userInputs: username ? [username] : [],
  });
  return guessable && !problems.includes(guessable) ? [...problems, guessable] : problems;
};
