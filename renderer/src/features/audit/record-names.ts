import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { AuditEvent } from '../../../../shared/audit/audit-event';
import { useServices } from '../../app/services';
import type { Staff } from '../../../../shared/staff/staff';
import { ID_FIELDS } from './audit-values';

const EMPTY = new Map<string, string>();

/**
 * Names for the ids the shown changes hold: staff from the list already loaded, patients and
 * catalogue items looked up (a few index reads for a page of events).
 */
export const useRecordNames = (
  events: readonly AuditEvent[] | undefined,
  staff: readonly Staff[] | undefined,
): ReadonlyMap<string, string> => {
  const { db } = useServices();
  const ids = useMemo(() => {
    const found = new Set<string>();
    for (const event of events ?? [])
      for (const change of event.changes ?? [])
        if (ID_FIELDS.has(change.field.split('.').at(-1) ?? change.field))
          for (const value of [change.from, change.to]) if (value) found.add(value);
    return [...found].sort();
  }, [events]);
  const records = useLiveQuery(async () => {
    if (ids.length === 0) return [];
    const [patients, items] = await Promise.all([
      db.patients.bulkGet(ids),
      db.catalogueItems.bulkGet(ids),
    ]);
    return [
      ...patients.flatMap((p) => (p ? [[p.id, p.name] as const] : [])),
      ...items.flatMap((item) => (item ? [[item.id, `${item.code} ${item.name}`] as const] : [])),
    ];
  }, [db, ids]);
  return useMemo(() => {
    if (!staff?.length && !records?.length) return EMPTY;
    return new Map<string, string>([
      ...(staff ?? []).map((s) => [s.id, s.displayName] as const),
      ...(records ?? []),
    ]);
  }, [staff, records]);
};
