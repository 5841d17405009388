import { z } from 'zod';
import { passwordHashSchema } from './password';

/**
 * The owner's recovery code (issue 13 item 6): the one way back in for a clinic whose only owner
 * forgot the password. Read off paper and typed back, possibly months later: no 0/O, 1/I/L.
 */
export const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECOVERY_CODE_LENGTH = 20;
const GROUP = 4;

/** 20 characters of 31: about 99 bits, beyond guessing even without the attempt throttle. */
export type RecoveryCode = string & { readonly __brand: 'recovery-code' };

/**
 * What the store keeps: a slow hash (the staff passwords' PBKDF2), never the code, and when it was
 * made, so that the owner can tell which paper is the current one.
 */
export const storedRecoveryCodeSchema = z.object({
  hash: passwordHashSchema,
  createdAt: z.string(),
});
export type StoredRecoveryCode = z.infer<typeof storedRecoveryCodeSchema>;

/**
 * A new code from crypto-random bytes. Bytes at or above the largest multiple of the alphabet's
 * size are drawn again, so every character is equally likely (no modulo bias).
 */
export const newRecoveryCode = (
  randomBytes: (count: number) => Uint8Array = (count) =>
    crypto.getRandomValues(new Uint8Array(count)),
): RecoveryCode => {
  const size = RECOVERY_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < RECOVERY_CODE_LENGTH)
    for (const byte of randomBytes(RECOVERY_CODE_LENGTH)) {
      if (byte < limit && code.length < RECOVERY_CODE_LENGTH)
        code += RECOVERY_ALPHABET[byte % size];
    }
  return code as RecoveryCode;
};

/** As shown and printed: groups of four, "ABCD-EFGH-…", easy to copy by hand. */
export const formatRecoveryCode = (code: RecoveryCode): string =>
  code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/**
 * What was typed, as the code it stands for: any case, with or without spaces and dashes, and in
 * full-width characters from a Chinese input method. Undefined when it cannot be a code at all.
 */
export const parseRecoveryCode = (typed: string): RecoveryCode | undefined => {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015_]/g, '');
  if (code.length !== RECOVERY_CODE_LENGTH) return undefined;
  return [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? (code as RecoveryCode) : undefined;
};
