import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../../shared/auth/permissions';
import { AppError } from '../../../../shared/errors';
import { placeFailure } from './form-failure';

const t = ((key: string) => key) as unknown as TFunction;
const addStaffFields = ['displayName', 'username', 'role', 'password'];

describe('where a refused save is explained', () => {
  it('a taken username is marked on the username box', () => {
    const error = new AppError('duplicate-username', 'username taken', 'username');
    expect(placeFailure(t, error, addStaffFields)).toEqual({
      field: 'username',
      message: 'errors.duplicate-username',
    });
  });

  it('a weak password is marked on the password box', () => {
    const error = new AppError('weak-password', 'too weak', 'password');
    expect(placeFailure(t, error, addStaffFields)).toEqual({
      field: 'password',
      message: 'errors.weak-password',
    });
  });

  it('the last owner refusal names no field and is shown above the buttons', () => {
    expect(placeFailure(t, new AppError('last-owner', 'needs an owner'), ['reason'])).toEqual({
      message: 'errors.last-owner',
    });
  });

  it('a field the dialog does not show is not marked', () => {
    const error = new AppError('invalid-input', 'invalid username', 'username');
    expect(placeFailure(t, error, ['displayName', 'role'])).toEqual({
      message: 'errors.invalid-input',
    });
  });

  it('a refused role gets the permission sentence', () => {
    expect(
      placeFailure(t, new PermissionError('front-desk', 'staff.manage'), addStaffFields),
    ).toEqual({ message: 'errors.forbidden' });
  });
});
