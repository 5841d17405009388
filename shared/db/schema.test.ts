import { describe, expect, it } from 'vitest';
import { schemaVersions, tableNames } from './schema';

describe('local store schema', () => {
  it('has a table for everything the product keeps', () => {
    for (const table of [
      'patients',
      'visits',
      'verifications',
      'catalogueItems',
      'consents',
      'records',
      'retentionPolicies',
      'disposals',
      'complaints',
      'complaintEvents',
      'consultations',
      'staff',
      'auditEvents',
      'outbox',
      'syncState',
      'settings',
    ]) {
      expect(tableNames).toContain(table);
    }
  });

  it('versions increase and never drop a table (migration path)', () => {
    for (let i = 1; i < schemaVersions.length; i++) {
      const before = schemaVersions[i - 1]!;
      const after = schemaVersions[i]!;
      expect(after.version).toBeGreaterThan(before.version);
      for (const table of Object.keys(before.stores))
        expect(Object.keys(after.stores)).toContain(table);
    }
  });

  it('every table is keyed by a primary key that is not auto-incremented', () => {
    for (const spec of Object.values(schemaVersions.at(-1)!.stores)) {
      expect(spec.startsWith('++')).toBe(false);
    }
  });
});
