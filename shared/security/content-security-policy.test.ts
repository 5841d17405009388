import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

const directive = (name: string) =>
  CONTENT_SECURITY_POLICY.split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('the Content-Security-Policy', () => {
  it('lets the app reach a sync hub on another PC of the LAN, over http or https only', () => {
    expect(directive('connect-src')).toEqual(["'self'", 'http:', 'https:']);
  });

  it('runs only the app’s own scripts, and nothing is framed, posted or plugged in', () => {
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('form-action')).toEqual(["'none'"]);
    expect(directive('object-src')).toEqual(["'none'"]);
  });
});
