import type { TFunction } from 'i18next';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../ui/error-message';

export type PlacedFailure = { field?: string; message: string };

/**
 * Where a refused save is explained: on the field the repository blamed when the form shows that
 * field (a taken username marks the username box), otherwise above the buttons.
 */
export const placeFailure = (
  t: TFunction,
  error: unknown,
  fields: readonly string[],
): PlacedFailure => {
  const message = errorMessage(t, error);
  if (error instanceof AppError && error.field && fields.includes(error.field))
    return { field: error.field, message };
  return { message };
};
