import type { TFunction } from 'i18next';
import type { LoginResult } from '../../db/session';

/** One sentence per refusal; "invalid" never says whether the name or the password was wrong. */
export const loginFailureText = (
  t: TFunction,
  result: Exclude<LoginResult, { ok: true }>,
): string => {
  switch (result.reason) {
    case 'invalid':
      return t('session.invalid');
    case 'inactive':
      return t('session.inactive');
    case 'throttled':
      return t('session.throttled', { seconds: Math.ceil(result.retryAfterMs / 1000) });
  }
};
