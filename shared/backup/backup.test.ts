import { beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from './backup-error';
import { deriveBackupKey, type BackupKey } from './backup-key';
import { encodePrefix, HEADER_HASH_BYTES, MAGIC } from './format';
import { sha256Bytes, webPrimitives } from './primitives';
import { inspectBackup, readBackup } from './read-backup';
import { writeBackup } from './write-backup';

const PASSPHRASE = '康宁口腔 backup 2026!';
const streamOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();

/** A payload like an export: repetitive JSON with some incompressible photo bytes in it. */
const makePayload = (seed: number, size: number): Uint8Array => {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i % 3 === 0 ? x >>> 24 : 0x61 + (i % 26);
  }
  return out;
};

let key: BackupKey;
let payload: Uint8Array;
let file: Uint8Array;

const write = async (content: Uint8Array, chunkSize = 16 * 1024) => {
  const parts: Uint8Array[] = [];
  const result = await writeBackup({
    key,
    primitives: webPrimitives,
    appVersion: '0.4.0',
    createdAt: '2026-11-22T10:30:00.000Z',
    describe: { schemaVersion: 3, clinicName: '康宁口腔诊所', tables: { patients: 2, visits: 5 } },
    payload: streamOf(content),
    write: async (bytes) => void parts.push(bytes.slice()),
    chunkSize,
  });
  return {
    result,
    bytes: new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
  };
};

const read = async (
  bytes: Uint8Array,
  secret: { passphrase?: string; key?: BackupKey } = { key },
) => {
  const parts: Uint8Array[] = [];
  const result = await readBackup({
    source: streamOf(bytes),
    primitives: webPrimitives,
    ...secret,
    onPayload: (piece) => void parts.push(piece.slice()),
  });
  return {
    ...result,
    payload: new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
  };
};

const failure = async (bytes: Uint8Array, secret?: { passphrase?: string; key?: BackupKey }) => {
  try {
    await read(bytes, secret);
  } catch (error) {
    if (error instanceof BackupError) return { reason: error.reason, offset: error.offset };
    throw error;
  }
  return { reason: 'no error' as const, offset: undefined };
};

/** A seeded sequence of offsets, so that a failure names an offset that can be replayed. */
const offsets = (count: number, max: number, seed: number) => {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x % max;
  });
};

beforeAll(async () => {
  key = await deriveBackupKey(PASSPHRASE, { iterations: 100_000 });
  payload = makePayload(7, 300_000);
  file = (await write(payload)).bytes;
});

describe('a backup file', () => {
  it('reads back exactly what was written, with its manifest', async () => {
    const opened = await read(file, { passphrase: PASSPHRASE });
    expect(opened.payload).toEqual(payload);
    expect(opened.manifest).toMatchObject({
      clinicName: '康宁口腔诊所',
      tables: { patients: 2, visits: 5 },
      payload: { bytes: 300_000, kind: 'clinicdesk-ndjson' },
    });
    expect(opened.header.cipher.chunkSize).toBe(16 * 1024);
  });

  it('round-trips an empty payload and one of exactly one chunk', async () => {
    for (const content of [new Uint8Array(0), makePayload(3, 5_000)]) {
      const { bytes } = await write(content, 1024 * 1024);
      expect((await read(bytes)).payload).toEqual(content);
    }
  });

  it('shows its header without the passphrase, and no patient data in it', async () => {
    const { header } = await inspectBackup(streamOf(file));
    expect(header).toMatchObject({
      app: { name: 'ClinicDesk', version: '0.4.0' },
      compression: 'gzip',
    });
    expect(JSON.stringify(header)).not.toContain('康宁');
  });

  it('is refused with a wrong passphrase, as a wrong passphrase', async () => {
    expect((await failure(file, { passphrase: 'not the passphrase' })).reason).toBe(
      'wrong-passphrase',
    );
  });

  it('is not mistaken for something else', async () => {
    expect(
      (await failure(new TextEncoder().encode('PK\u0003\u0004 a zip file, not a backup'))).reason,
    ).toBe('not-a-backup');
  });

  it('cut short anywhere is reported as truncated', async () => {
    for (const at of [0, 5, 16, 40, ...offsets(40, file.length, 1), file.length - 1])
      expect({ at, ...(await failure(file.subarray(0, at))) }).toMatchObject({
        at,
        reason: 'truncated',
      });
  });

  it('with any single byte changed is reported as damaged, near that byte', async () => {
    for (const at of [0, 3, 16, 18, 30, ...offsets(60, file.length, 2), file.length - 1]) {
      const damaged = file.slice();
      damaged[at] = damaged[at]! ^ (1 << (at % 8));
      const found = await failure(damaged);
      expect({ at, reason: found.reason }).toEqual({ at, reason: 'corrupted' });
      expect(found.offset).toBeLessThanOrEqual(at);
    }
  });

  it('with bytes appended after its end is reported as damaged', async () => {
    const longer = new Uint8Array(file.length + 3);
    longer.set(file);
    expect((await failure(longer)).reason).toBe('corrupted');
  });

  it('with two chunks swapped is reported as damaged', async () => {
    const { bytes } = await write(makePayload(9, 200_000), 4096);
    // find the first two data chunks by walking the layout
    const start =
      MAGIC.length + 6 + new DataView(bytes.buffer).getUint32(MAGIC.length + 2) + HEADER_HASH_BYTES;
    const len = (at: number) => new DataView(bytes.buffer, at + 1, 4).getUint32(0) + 9;
    const a = bytes.slice(start, start + len(start));
    const b = bytes.slice(start + a.length, start + a.length + len(start + a.length));
    expect(a.length).toBe(b.length);
    const swapped = bytes.slice();
    swapped.set(b, start);
    swapped.set(a, start + a.length);
    expect((await failure(swapped)).reason).toBe('corrupted');
  });

  it('made by a newer ClinicDesk is reported as a newer format', async () => {
    const { header } = await inspectBackup(streamOf(file));
    const prefix = encodePrefix(header);
    new DataView(prefix.buffer).setUint16(MAGIC.length, 2);
    const newer = new Uint8Array(prefix.length + HEADER_HASH_BYTES + 10);
    newer.set(prefix);
    newer.set(sha256Bytes(prefix.subarray(MAGIC.length)), prefix.length);
    expect((await failure(newer)).reason).toBe('newer-format');
  });
});
