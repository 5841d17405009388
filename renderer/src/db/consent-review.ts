import type { CalendarDate } from '../../../shared/clock/calendar-date';
import type { PlannedItem } from '../../../shared/consents/planned-item';
import { selfPayFen } from '../../../shared/consents/self-pay';
import type { Fen } from '../../../shared/money';
import { unsignedItemsOn } from './consents';
import type { ClinicDb } from './database';
import type { Actor } from './write';

/** One line of the daily review of unsigned self-pay items, with the names a person looks for. */
export type UnsignedItemRow = {
  item: PlannedItem;
  patientName: string | undefined;
  clinicianName: string | undefined;
  selfPayFen: Fen;
};

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** `unsignedItemsOn`, with each item's patient and clinician named and its self-pay share. */
export const unsignedItemRows = async (
  db: ClinicDb,
  actor: Actor,
  date: CalendarDate,
): Promise<UnsignedItemRow[]> => {
  const items = await unsignedItemsOn(db, actor, date);
  const patientIds = unique(items.map((i) => i.patientId));
  const staffIds = unique(items.map((i) => i.clinicianId));
  const visitIds = unique(items.map((i) => i.visitId));
  const [patients, staff, visits] = await Promise.all([
    db.patients.bulkGet(patientIds),
    db.staff.bulkGet(staffIds),
    db.visits.bulkGet(visitIds),
  ]);
  const patientName = new Map(patients.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
  const staffName = new Map(staff.flatMap((s) => (s ? [[s.id, s.displayName] as const] : [])));
  const settlement = new Map(visits.flatMap((v) => (v ? [[v.id, v.settlement] as const] : [])));
  return items.map((item) => ({
    item,
    patientName: patientName.get(item.patientId),
    clinicianName: staffName.get(item.clinicianId),
    selfPayFen: selfPayFen(item, { settlement: settlement.get(item.visitId) }),
  }));
};
