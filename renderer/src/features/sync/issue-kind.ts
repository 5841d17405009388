import type { SyncIssue } from '../../db/database';

/** What went wrong with a synced change, in the few kinds the owner is told about in words. */
export type IssueCause =
  | 'refused'
  | 'newer'
  | 'unknown-table'
  | 'malformed'
  | 'unsupported'
  | 'cannot-apply'
  | 'conflicting-insert'
  | 'invariant'
  | 'other';

/**
 * Reads the merge's technical detail (shared/sync/merge.ts quarantines and alarms, apply.ts) as
 * one of the kinds the Sync screen explains; the detail itself stays beside it for support.
 */
export const issueCause = (issue: Pick<SyncIssue, 'kind' | 'detail' | 'refusal'>): IssueCause => {
  if (issue.refusal) return 'refused';
  if (issue.kind === 'newer') return 'newer';
  const head = issue.detail.split(':', 1)[0]!.trim();
  switch (head) {
    case 'unknown-table':
      return 'unknown-table';
    case 'malformed':
    case 'local-table':
      return 'malformed';
    case 'unsupported-op':
      return 'unsupported';
    case 'cannot apply':
      return 'cannot-apply';
    case 'conflicting-insert':
      return 'conflicting-insert';
    case 'invariant':
      return 'invariant';
    default:
      return 'other';
  }
};
