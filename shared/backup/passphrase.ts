import { guessabilityProblem, PASSPHRASE_MIN_SCORE, type PasswordProblem } from '../auth/password';

/**
 * The backup passphrase is the only way into a backup on a new PC: long enough that guessing it
 * offline is hopeless, short enough to write on the card kept in the safe.
 */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MAX_PASSPHRASE_LENGTH = 200;

export type PassphraseProblem = 'too-short' | 'too-long';

export const passphraseProblem = (passphrase: string): PassphraseProblem | undefined => {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  if (length > MAX_PASSPHRASE_LENGTH) return 'too-long';
  return undefined;
};

/**
 * The full check for a new passphrase: its length, then how easily it is guessed ("aaaaaaaaaa" is
 * ten characters and guessed at once). Setting a passphrase applies it; reading a backup does not.
 */
export const assessPassphrase = async (
  passphrase: string,
): Promise<PassphraseProblem | PasswordProblem | undefined> =>
  passphraseProblem(passphrase) ??
  (await guessabilityProblem(passphrase, { minScore: PASSPHRASE_MIN_SCORE }));
