import Dexie from 'dexie';
import { GENESIS_HASH, type AuditEvent } from '../../../shared/audit/audit-event';
import { auditEventIntact } from '../../../shared/audit/personal-digest';
import { newId } from '../../../shared/ids';
import { erasedAuditEvents } from '../db/audit';
import type { ClinicDb, SyncIssue } from '../db/database';
import type { ApplyContext } from './apply';

/** How far each other device's audit chain has been checked on this PC (syncState). */
const keyOf = (deviceId: string) => `chain:${deviceId}`;

type Checked = { seq: number; hash: string; broken?: true };

/** Events read per step: a first sync may bring hundreds of thousands. */
const STEP = 2000;

/**
 * Verifies the audit chains other devices sent, from where this PC last stopped: each event's
 * hash covers its content, and each links to its device's previous one. A gap (events still on
 * their way: a snapshot brings history newest first) waits for the next pull; a broken link or
 * changed content raises one alarm, shown to the owner, and that chain is not followed further.
 * Returns the alarms raised.
 */
export const verifyArrivedChains = async (
  ctx: ApplyContext,
  deviceIds: Iterable<string>,
): Promise<number> => {
  const { db } = ctx;
  let alarms = 0;
  // Only an event a retention disposal erased may be held wiped.
  const erased = await erasedAuditEvents(db);
  for (const deviceId of deviceIds) {
    if (deviceId === ctx.deviceId) continue;
    const stored = (await db.syncState.get(keyOf(deviceId)))?.value as Checked | undefined;
    const checked: Checked = stored ?? { seq: 0, hash: GENESIS_HASH };
    if (checked.broken) {
      if (await stillBroken(db, deviceId, checked, erased)) continue;
      // A version before personal digests could not verify the new format and stopped here: by
      // today's rules the event holds, so the chain is followed on (its old alarm stays listed).
      delete checked.broken;
    }
    let problem: string | undefined;
    let at: AuditEvent | undefined;
    for (;;) {
      const events = (await db.auditEvents
        .where('[deviceId+seq]')
        .between([deviceId, checked.seq + 1], [deviceId, Dexie.maxKey])
        .limit(STEP)
        .toArray()) as AuditEvent[];
      for (const event of events) {
        if (event.seq !== checked.seq + 1) break;
        problem = problemOf(event, checked, erased);
        if (problem) {
          at = event;
          break;
        }
        checked.seq = event.seq;
        checked.hash = event.hash;
      }
      if (problem || events.length < STEP || events.at(-1)!.seq !== checked.seq) break;
    }
    const issue: SyncIssue | undefined =
      problem && at
        ? {
            id: newId(ctx.clock),
            kind: 'alarm',
            at: new Date(ctx.clock.now()).toISOString(),
            table: 'auditEvents',
            entityId: at.id,
            detail: `audit-chain ${problem}: event ${at.seq} of device ${deviceId}`,
          }
        : undefined;
    await db.transaction('rw', db.syncState, db.syncIssues, async () => {
      await db.syncState.put({
        key: keyOf(deviceId),
        value: issue ? { ...checked, broken: true } : checked,
      });
      if (issue) await db.syncIssues.add(issue);
    });
    if (issue) alarms += 1;
  }
  return alarms;
};

/** What breaks the chain at `event`, the one after `checked`: its content or its link. */
const problemOf = (
  event: AuditEvent,
  checked: Checked,
  erased: ReadonlySet<string>,
): 'content-changed' | 'link-broken' | undefined => {
  if (!auditEventIntact(event, erased.has(event.id))) return 'content-changed';
  if (event.prevHash !== checked.hash) return 'link-broken';
  return undefined;
};

/** Whether the event a chain stopped at still breaks it, by today's rules. */
const stillBroken = async (
  db: ClinicDb,
  deviceId: string,
  checked: Checked,
  erased: ReadonlySet<string>,
): Promise<boolean> => {
  const event = await db.auditEvents.get({ deviceId, seq: checked.seq + 1 });
  return !event || problemOf(event, checked, erased) !== undefined;
};

/** Every device with audit events here, one index step per device. */
export const auditDevices = async (db: ClinicDb): Promise<string[]> => {
  const devices: string[] = [];
  let next = await db.auditEvents.orderBy('[deviceId+seq]').first();
  while (next) {
    devices.push(next.deviceId);
    next = await db.auditEvents
      .where('[deviceId+seq]')
      .above([next.deviceId, Dexie.maxKey])
      .first();
  }
  return devices;
};
