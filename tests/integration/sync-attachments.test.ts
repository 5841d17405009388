import { afterEach, describe, expect, it } from 'vitest';
import { sha256HexOfBytes } from '../../shared/hash';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import {
  readPatientPhoto,
  registerPatient,
  savePatientPhoto,
} from '../../renderer/src/db/patients';
import { queueChange } from '../../renderer/src/db/outbox';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf } from '../../renderer/src/db/staff';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { fetchAttachments } from '../../renderer/src/sync/attachments';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { syncDown } from '../../renderer/src/sync/snapshot';
import { clock, workstation } from './workstations';

/** A photo as the webcam gives it (a few JPEG bytes are enough). */
const jpeg = (tail: number) =>
  new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, tail, 2, 3, 250, 0xff, 0xd9])], {
    type: 'image/jpeg',
  });

const bytes = async (blob: Blob | undefined) =>
  blob ? Array.from(new Uint8Array(await blob.arrayBuffer())) : undefined;

describe.each(testBackends())('patient photos between workstations, $name hub', (backend) => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  it('a photo taken at the desk reaches the chair by its hash, byte for byte, and never rides in the log', async () => {
    hub = await startTestHub(backend, { clock });
    const desk = await workstation(hub, 'desk', true);
    const { owner } = await completeSetup(desk.ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
    });
    const photo = jpeg(1);
    const patient = await registerPatient(desk.ctx, actorOf(owner), ZHANG_SAN, { photo });
    const stored = (await desk.ctx.db.attachments.get(patient.photoId!))!;
    const hash = sha256HexOfBytes(new Uint8Array(await photo.arrayBuffer()));
    expect([stored.blobHash, stored.size]).toEqual([hash, 10]);
    await pushOutbox(desk.ctx.db, desk.client);
    expect(await desk.client.missingAttachments([hash])).toEqual([]);

    const chair = await workstation(hub, 'chair');
    await syncDown(chair.apply, chair.client);
    const page = await chair.client.pull(0, { limit: 1000 });
    const row = page.changes.find((e) => e.change.table === 'attachments')!;
    expect(row.change.data).toMatchObject({ blobHash: hash, size: 10 });
    expect(row.change.data).not.toHaveProperty('blob');
    // The row is in at once; its bytes follow.
    expect(await readPatientPhoto(chair.ctx.db, actorOf(owner), patient.photoId!)).toBeUndefined();
    expect(await fetchAttachments(chair.ctx.db, chair.client)).toBe(1);
    expect(
      await bytes(await readPatientPhoto(chair.ctx.db, actorOf(owner), patient.photoId!)),
    ).toEqual(await bytes(photo));
    expect((await readPatientPhoto(chair.ctx.db, actorOf(owner), patient.photoId!))?.type).toBe(
      'image/jpeg',
    );
    // Nothing left to fetch, and nothing raised: the row matches what the desk holds.
    expect(await fetchAttachments(chair.ctx.db, chair.client)).toBe(0);
    await pullAll(desk.apply, desk.client);
    expect(await desk.ctx.db.syncIssues.count()).toBe(0);
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);

    // A new photo at the chair goes back to the desk the same way.
    const second = jpeg(2);
    await savePatientPhoto(chair.ctx, actorOf(owner), patient.id, second);
    await pushOutbox(chair.ctx.db, chair.client);
    await pullAll(desk.apply, desk.client);
    expect(await fetchAttachments(desk.ctx.db, desk.client)).toBe(1);
    const now = (await desk.ctx.db.patients.get(patient.id))!.photoId!;
    expect(await bytes(await readPatientPhoto(desk.ctx.db, actorOf(owner), now))).toEqual(
      await bytes(second),
    );
  });

  it('a photo queued before photos had hashes is hashed, uploaded and sent without its bytes', async () => {
    hub = await startTestHub(backend, { clock });
    const desk = await workstation(hub, 'desk', true);
    const { owner } = await completeSetup(desk.ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
    });
    // What an older version wrote: the row and its outbox entry both holding the Blob.
    const blob = jpeg(3);
    const row = {
      id: 'photo-old',
      ownerId: 'p-old',
      kind: 'patient-photo' as const,
      mime: 'image/jpeg',
      blob,
      createdAt: '2026-11-22T01:00:00.000Z',
      createdBy: owner.id,
      updatedAt: '2026-11-22T01:00:00.000Z',
      updatedBy: owner.id,
      deviceId: 'pc-desk',
      hlc: '001764000000000-00000-pc-desk',
    };
    await desk.ctx.db.transaction(
      'rw',
      [desk.ctx.db.attachments, desk.ctx.db.outbox, desk.ctx.db.deviceState],
      async () => {
        await desk.ctx.db.attachments.add(row);
        await queueChange(desk.ctx, {
          table: 'attachments',
          entityId: row.id,
          op: 'insert',
          hlc: row.hlc,
          data: row,
        });
      },
    );
    await pushOutbox(desk.ctx.db, desk.client);
    const hash = sha256HexOfBytes(new Uint8Array(await blob.arrayBuffer()));
    expect(await desk.client.missingAttachments([hash])).toEqual([]);
    const sent = (await desk.client.pull(0, { limit: 1000 })).changes.find(
      (e) => e.change.entityId === row.id,
    )!;
    expect(sent.change.data).toMatchObject({ blobHash: hash, size: 10 });
    expect(sent.change.data).not.toHaveProperty('blob');
    expect((await desk.ctx.db.attachments.get(row.id))?.blobHash).toBe(hash);
    await pullAll(desk.apply, desk.client);
    expect(await desk.ctx.db.syncIssues.count()).toBe(0);
    expect(await bytes((await desk.ctx.db.attachments.get(row.id))?.blob)).toEqual(
      await bytes(blob),
    );
  });
});
