import { describe, expect, it } from 'vitest';
import { issueCause } from './issue-kind';

const issue = (detail: string, kind: 'quarantined' | 'alarm' | 'newer' = 'quarantined') => ({
  kind,
  detail,
});

describe('what the Sync screen says went wrong', () => {
  it('reads each detail the merge and the apply write', () => {
    expect(issueCause(issue("unknown-table: complaints (a newer version's table?)"))).toBe(
      'unknown-table',
    );
    expect(issueCause(issue('local-table: outbox never syncs'))).toBe('malformed');
    expect(issueCause(issue('malformed: hlc is not an HLC stamp'))).toBe('malformed');
    expect(issueCause(issue('unsupported-op: erase of auditEvents (…)'))).toBe('unsupported');
    expect(issueCause(issue('cannot apply: TypeError'))).toBe('cannot-apply');
    expect(issueCause(issue('conflicting-insert: consents/n-1 …', 'alarm'))).toBe(
      'conflicting-insert',
    );
    expect(issueCause(issue('invariant: consent-covers-quantity: …', 'alarm'))).toBe('invariant');
    expect(issueCause(issue('schema version 3', 'newer'))).toBe('newer');
    expect(issueCause(issue('something new'))).toBe('other');
  });

  it('names a refusal by its verdict, whatever the detail says', () => {
    expect(
      issueCause({
        kind: 'quarantined',
        detail: 'permission: role-not-held',
        refusal: {
          reason: 'role-not-held',
          actorId: 's-1',
          actorName: '陈静',
          role: 'clinician',
          entity: 'consent',
          action: 'sign',
        },
      }),
    ).toBe('refused');
  });
});
