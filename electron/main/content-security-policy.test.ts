import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { enforceContentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

describe('the Content-Security-Policy header', () => {
  it('replaces whatever policy a response brought, in any letter case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('is added to every response', () => {
    let answered: unknown;
    enforceContentSecurityPolicy(
      { onHeadersReceived: (listener) => listener({}, (response) => (answered = response)) },
      CONTENT_SECURITY_POLICY,
    );
    expect(answered).toEqual({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
