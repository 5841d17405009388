import type { TFunction } from 'i18next';
import { PermissionError } from '../../../shared/auth/permissions';
import { AppError } from '../../../shared/errors';

/** A sentence for a receptionist: never a stack trace, never the developer message. */
export const errorMessage = (t: TFunction, error: unknown): string => {
  if (error instanceof AppError) return t(`errors.${error.reason}`, error.values ?? {});
  if (error instanceof PermissionError) return t('errors.forbidden');
  console.error(error);
  return t('common.unexpected');
};
