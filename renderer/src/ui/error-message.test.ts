import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createI18n } from '../i18n/i18n';
import { errorMessage } from './error-message';

describe('a refused password names its rule', () => {
  const refused = new AppError('weak-password', 'too weak', 'password', {
    rule: 'contains-username',
  });

  it('in Chinese', () => {
    expect(errorMessage(createI18n('zh-CN').t, refused)).toBe('密码不符合要求：不能包含用户名。');
  });

  it('in English', () => {
    expect(errorMessage(createI18n('en').t, refused)).toBe(
      'This password is not allowed: Must not contain the username.',
    );
  });
});
