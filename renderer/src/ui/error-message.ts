import type { TFunction } from 'i18next';
import { PermissionError } from '../../../shared/auth/permissions';
import { AppError } from '../../../shared/errors';

/** Values that are themselves keys: a refused password names its rule in the reader's language. */
const translatedValues = (t: TFunction, error: AppError) =>
  error.reason === 'weak-password' && typeof error.values?.rule === 'string'
    ? { ...error.values, rule: t(`account.strength.${error.values.rule}`) }
    : (error.values ?? {});

/** A sentence for a receptionist: never a stack trace, never the developer message. */
export const errorMessage = (t: TFunction, error: unknown): string => {
  if (error instanceof AppError) return t(`errors.${error.reason}`, translatedValues(t, error));
  if (error instanceof PermissionError) return t('errors.forbidden');
  console.error(error);
  return t('common.unexpected');
};
