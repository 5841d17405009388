import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { deriveBackupKey } from '../../../shared/backup/backup-key';
import { payloadLineBatches } from '../../../shared/backup/payload';
import { webPrimitives } from '../../../shared/backup/primitives';
import { readBackup } from '../../../shared/backup/read-backup';
import { writeBackup } from '../../../shared/backup/write-backup';
import { newId } from '../../../shared/ids';
import { ClinicDb } from './database';
import { seedDemoClinic } from './demo-seed';
import { savePatientPhoto, searchPatients } from './patients';
import { ZHANG } from './testing/visits';
import type { Actor } from './write';
import { bothSignatures, chairClinic, signImplant } from './testing/consents';
import { backupTables, exportStore, importLines, RestoreError } from './store-export';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250, 0xff, 0xd9]);

/** A clinic with something in every kind of table: staff, settings, audit, patients, a photo, a signed consent. */
const fullClinic = async () => {
  const clinic = await chairClinic();
  const { ctx, ownerActor, patient } = clinic;
  await savePatientPhoto(ctx, ownerActor, patient.id, new Blob([JPEG], { type: 'image/jpeg' }));
  await signImplant(clinic);
  await seedDemoClinic(ctx.db, { patients: 300, endDate: '2026-11-21' });
  return clinic;
};

const emptyStore = () => new ClinicDb(`restore-${newId()}`, { indexedDB, IDBKeyRange });

const comparable = async (db: ClinicDb, table: string) => {
  const rows = await db.table(table).toArray();
  return Promise.all(
    rows.map(async (row: Record<string, unknown>) => {
      const copy = { ...row };
      for (const [k, v] of Object.entries(copy))
        if (v instanceof Blob)
          copy[k] = { type: v.type, bytes: [...new Uint8Array(await v.arrayBuffer())] };
      return copy;
    }),
  );
};

describe('backing up and restoring the store', () => {
  it('restores every table and every file exactly, through an encrypted backup', async () => {
    const { db } = await fullClinic();
    const key = await deriveBackupKey('round trip passphrase', { iterations: 100_000 });
    const exported = exportStore(db);
    const file: Uint8Array[] = [];
    const { manifest } = await writeBackup({
      key,
      primitives: webPrimitives,
      appVersion: 'test',
      createdAt: '2026-11-22T10:30:00.000Z',
      describe: () => ({ schemaVersion: 3, clinicName: '康宁口腔诊所', tables: exported.counts }),
      payload: exported.stream,
      write: async (bytes) => void file.push(bytes.slice()),
      chunkSize: 64 * 1024,
    });
    expect(manifest.tables.patients).toBe(301);

    const target = emptyStore();
    const restore = importLines(target);
    const split = payloadLineBatches();
    const piping = split.readable.pipeTo(restore.sink);
    const writer = split.writable.getWriter();
    await readBackup({
      source: new Blob(file as Uint8Array<ArrayBuffer>[]).stream(),
      primitives: webPrimitives,
      key,
      onPayload: (bytes) => writer.write(bytes),
    });
    await writer.close();
    await piping;

    expect(restore.counts).toEqual(
      Object.fromEntries(Object.entries(manifest.tables).filter(([, n]) => n > 0)),
    );
    for (const table of backupTables)
      expect({ table, rows: await comparable(target, table) }).toEqual({
        table,
        rows: await comparable(db, table),
      });
    expect(await target.deviceState.count()).toBe(0);
    const photo = (await target.attachments.toArray())[0]!;
    expect(new Uint8Array(await photo.blob!.arrayBuffer())).toEqual(JPEG);
    expect((await target.consents.toArray())[0]!.signatures.signer.strokes).toEqual(
      bothSignatures().signer.strokes,
    );
  }, 60_000);

  it('refuses a line for a table this version does not have', async () => {
    const { sink } = importLines(emptyStore());
    const writer = sink.getWriter();
    await expect(writer.write([{ table: 'mysteries', row: { id: 'x' } }])).rejects.toBeInstanceOf(
      RestoreError,
    );
  });
});

describe('importing in batches', () => {
  it('reports each batch once it is in the store, the last with every row', async () => {
    const target = emptyStore();
    const reports: { rows: number; stored: Promise<number>; last: string }[] = [];
    const { sink } = importLines<{ table: string; row: Record<string, unknown> }>(
      target,
      (rows, last) =>
        reports.push({ rows, stored: target.retentionPolicies.count(), last: String(last.row.id) }),
      4,
    );
    const writer = sink.getWriter();
    for (let i = 1; i <= 10; i++)
      await writer.write([{ table: 'retentionPolicies', row: { id: `r${i}` } }]);
    await writer.close();
    expect(reports.map(({ rows, last }) => ({ rows, last }))).toEqual([
      { rows: 4, last: 'r4' },
      { rows: 8, last: 'r8' },
      { rows: 10, last: 'r10' },
    ]);
    for (const { rows, stored } of reports) expect(await stored).toBeGreaterThanOrEqual(rows);
  });

  it('computes the search index of a patient from a backup made before it existed (version 8)', async () => {
    const target = emptyStore();
    const { sink } = importLines<{ table: string; row: Record<string, unknown> }>(target);
    const writer = sink.getWriter();
    const { find: _none, ...before9 } = { ...ZHANG, find: undefined };
    await writer.write([{ table: 'patients', row: { ...before9, hlc: '0' } }]);
    await writer.close();
    const restored = (await target.patients.get(ZHANG.id))!;
    expect(restored.find).toEqual(
      expect.arrayContaining(['zhangxiuying', 'zxy', '13800138000', '<00083100831']),
    );
    const owner: Actor = { staffId: 'o', name: '张勇', roles: ['owner'], role: null };
    for (const query of ['8000', '002x', 'zxy'])
      expect(
        (await searchPatients(target, owner, query)).map((p) => p.id),
        query,
      ).toEqual([ZHANG.id]);
  });

  it('fails the whole import when a batch cannot be written, though the next was being read', async () => {
    const { sink } = importLines(emptyStore(), undefined, 2);
    const writer = sink.getWriter();
    const entry = (id: string, deviceSeq: number) => ({
      table: 'outbox',
      row: { id, deviceSeq, txId: id, txIndex: 0, hlc: '0', table: 'patients', entityId: id },
    });
    // Two entries with one number: the unique index refuses the second batch.
    const written = (async () => {
      await writer.write([entry('o1', 1)]);
      await writer.write([entry('o2', 2)]);
      await writer.write([entry('o3', 1)]);
      await writer.write([entry('o4', 4)]);
      await writer.write([entry('o5', 5)]);
      await writer.close();
    })();
    await expect(written).rejects.toThrow();
  });
});

describe('exporting a store full of photos', () => {
  it('streams a few MB at a time, never a whole page of photos at once', async () => {
    const db = emptyStore();
    const photo = new Uint8Array(1_500_000).map((_, i) => (i * 7) % 251);
    await db.attachments.bulkPut(
      Array.from({ length: 6 }, (_, i) => ({
        id: `a${i}`,
        ownerId: `p${i}`,
        kind: 'patient-photo' as const,
        mime: 'image/jpeg',
        blob: new Blob([photo], { type: 'image/jpeg' }),
        createdAt: '2026-11-22T01:00:00.000Z',
        createdBy: 's',
        updatedAt: '2026-11-22T01:00:00.000Z',
        updatedBy: 's',
        deviceId: 'd',
        hlc: '0',
      })),
    );
    const { stream, counts } = exportStore(db);
    const pieces: number[] = [];
    for await (const piece of stream as unknown as AsyncIterable<Uint8Array>)
      pieces.push(piece.length);
    expect(counts.attachments).toBe(6);
    expect(pieces.length).toBeGreaterThan(1);
    // 4 MB of text, plus at most the one row that crossed it (a 1.5 MB photo is 2 MB in base64)
    for (const bytes of pieces) expect(bytes).toBeLessThan(4 * 1024 * 1024 + 2_100_000);
  });
});

describe('restoring a store full of photos', () => {
  it('writes the photos a few MB at a time, not after 2,000 rows', async () => {
    const target = emptyStore();
    const written: number[] = [];
    const { sink } = importLines(target, (rows) => written.push(rows));
    const writer = sink.getWriter();
    const photo = new Blob([new Uint8Array(1_500_000)], { type: 'image/jpeg' });
    for (let i = 0; i < 6; i++)
      await writer.write([
        { table: 'attachments', row: { id: `a${i}`, ownerId: 'p', blob: photo } },
      ]);
    await writer.close();
    expect(written).toEqual([3, 6]);
    expect(await target.attachments.count()).toBe(6);
  });
});
