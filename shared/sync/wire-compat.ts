import { rolesSchema } from '../auth/roles';
import { legacyRole, withRoleSet } from '../staff/staff';

/**
 * Wire data that PCs of different ClinicDesk versions both read. Wire data stay version 1
 * (protocol.ts WIRE_SCHEMA_VERSION): raising it would make every PC not yet updated keep all
 * changes of an updated one unapplied, and an older hub refuse them. Instead a change that sets
 * a person's roles also carries the one `role` older PCs know, and an older PC's `role` is read as
 * a set of one. A clinic whose PCs are updated one by one keeps syncing.
 */

const isPatch = (data: unknown): data is { set: Record<string, unknown>; unset?: unknown } =>
  data !== null &&
  typeof data === 'object' &&
  'set' in data &&
  data.set !== null &&
  typeof data.set === 'object';

/** What this PC sends for a change: staff roles also as the one role older PCs read. */
export const forOlderDevices = (table: string, data: unknown): unknown => {
  if (table !== 'staff' || !isPatch(data)) return data;
  const roles = rolesSchema.safeParse(data.set.roles);
  if (!roles.success) return data;
  return { ...data, set: { ...data.set, role: legacyRole(roles.data) } };
};

/** What this PC reads of a change from the hub: an older PC's one role is a set of one. */
export const fromOlderDevices = (table: string, data: unknown): unknown => {
  if (table !== 'staff' || !isPatch(data)) return data;
  const unset = Array.isArray(data.unset) ? data.unset.filter((f) => f !== 'role') : data.unset;
  const patch = { ...data, set: withRoleSet(data.set) };
  if (unset === undefined) return patch;
  return (unset as unknown[]).length > 0 ? { ...patch, unset } : { set: patch.set };
};
