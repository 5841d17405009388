import type { Table } from 'dexie';
import { withRoleSet } from '../../../shared/staff/staff';
import type { RowClocksRow } from './database';

const STAFF_CLOCKS = 'staff/';

/**
 * The merge's clock of a staff row's old `role` field becomes the clock of the `roles` group
 * (shared/sync/merge-spec.ts), so an older edit arriving later still loses to the stored one.
 */
const withRolesClock = (entry: RowClocksRow): RowClocksRow => {
  if (!entry.key.startsWith(STAFF_CLOCKS) || entry.clocks.role === undefined) return entry;
  const { role, ...clocks } = entry.clocks;
  return { ...entry, clocks: { ...clocks, '@roles': clocks['@roles'] ?? role } };
};

/** Store version 6: a person holds a set of roles; each staff row's one `role` is a set of one. */
export const upgradeStaffRoles = async (staff: Table, rowClocks: Table<RowClocksRow>) => {
  await staff.toCollection().modify((row: Record<string, unknown>, ref) => {
    ref.value = withRoleSet(row);
  });
  await rowClocks
    .where('key')
    .startsWith(STAFF_CLOCKS)
    .modify((entry: RowClocksRow, ref) => {
      ref.value = withRolesClock(entry);
    });
};

/** A row of a backup made by an older version, as this version stores it. */
export const upgradeImportedRow = (table: string, row: unknown): unknown => {
  if (table === 'staff') return withRoleSet(row);
  if (table === 'rowClocks' && row !== null && typeof row === 'object' && 'clocks' in row)
    return withRolesClock(row as RowClocksRow);
  return row;
};
