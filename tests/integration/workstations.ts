import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { manualClock } from '../../shared/clock/clock';
import { newId } from '../../shared/ids';
import { createHubClient, type HubClient } from '../../shared/sync/hub-client';
import type { TestHub } from '../../server/hub/testing/test-hub';
import { ClinicDb } from '../../renderer/src/db/database';
import { ensureDevice } from '../../renderer/src/db/device';
import type { StoreContext } from '../../renderer/src/db/write';
import type { ApplyContext } from '../../renderer/src/sync/apply';
import { pairWithHub } from '../../renderer/src/sync/engine';
import { recomputeDerived } from '../../renderer/src/sync/recompute';

/** One clinic PC in a sync test: its store (fake-indexeddb), its apply context, its hub client. */
export type Workstation = { ctx: StoreContext; apply: ApplyContext; client: HubClient };

/** The clinic's clock, shared by its PCs (and, where a test says so, by its hub). */
export const clock = manualClock('2026-11-22T09:00:00+08:00');

/**
 * A PC paired with the hub; the first one names the clinic and becomes the hub's admin. A PC
 * already in use does its work in `inUse` before it pairs.
 */
export const workstation = async (
  hub: TestHub,
  name: string,
  first = false,
  inUse?: (ctx: StoreContext) => Promise<unknown>,
): Promise<Workstation> => {
  const db = new ClinicDb(`sync-${newId()}`, { indexedDB, IDBKeyRange });
  const { deviceId } = await ensureDevice(db, clock, name);
  const ctx: StoreContext = { db, clock, deviceId };
  await inUse?.(ctx);
  const { code } = await hub.hub.store.createPairingCode(first);
  const link = await pairWithHub(db, {
    url: hub.hub.url,
    code,
    deviceName: name,
    ...(first ? { clinicName: '康宁口腔诊所' } : {}),
  });
  const client = createHubClient({ url: link.url, token: link.token });
  return { ctx, apply: { db, clock, deviceId, recompute: recomputeDerived }, client };
};

/** What a person could see: every synced table, without this device's bookkeeping. */
export const contents = async (db: ClinicDb) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ['staff', 'settings', 'patients', 'auditEvents'])
    out[table] = await db.table(table).orderBy(':id').toArray();
  return out;
};
