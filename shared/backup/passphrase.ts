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
