import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopAuditAnchor } from './audit-anchor';
import { fakeSafeStorage } from './backup/testing/fakes';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-anchor-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const STORE = 'clinicdesk';
const hash = (n: number) => n.toString(16).padStart(64, '0');
const head = (seq: number, deviceId = 'desk-1') => ({ deviceId, seq, hash: hash(seq) });

describe('the desktop keeps each chain head signed, outside the page’s store', () => {
  it('a checkpoint survives a restart and verifies with the key the keychain kept', async () => {
    const safeStorage = fakeSafeStorage();
    await createDesktopAuditAnchor({ userData: dir, safeStorage }).record({
      store: STORE,
      head: head(7),
    });
    const after = createDesktopAuditAnchor({ userData: dir, safeStorage });
    expect(await after.read({ store: STORE })).toEqual([
      { ...head(7), mac: expect.stringMatching(/^[0-9a-f]{64}$/), signatureValid: true },
    ]);
    expect(after.keyStorage()).toBe('os-keychain');
  });

  it('keeps the key only sealed by the keychain: the raw key is nowhere in userData', async () => {
    const random = () => Buffer.alloc(32, 0xab);
    const anchor = createDesktopAuditAnchor({
      userData: dir,
      safeStorage: fakeSafeStorage(),
      random,
    });
    await anchor.record({ store: STORE, head: head(1) });
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      expect(bytes.includes(Buffer.alloc(32, 0xab))).toBe(false);
      expect(bytes.toString('latin1')).not.toContain(Buffer.alloc(32, 0xab).toString('base64'));
    }
  });

  it('never moves a checkpoint back, whoever asks, and keeps stores and devices apart', async () => {
    const anchor = createDesktopAuditAnchor({ userData: dir, safeStorage: fakeSafeStorage() });
    await anchor.record({ store: STORE, head: head(9) });
    await anchor.record({ store: STORE, head: head(4) });
    await anchor.record({ store: STORE, head: { ...head(9), hash: hash(99) } });
    await anchor.record({ store: STORE, head: head(2, 'desk-2') });
    await anchor.record({ store: 'clinicdesk-restored-x1', head: head(1) });
    const kept = await anchor.read({ store: STORE });
    expect(kept.map(({ deviceId, seq, hash }) => ({ deviceId, seq, hash }))).toEqual([
      head(9),
      head(2, 'desk-2'),
    ]);
  });

  it('a checkpoint edited in the file no longer verifies', async () => {
    const safeStorage = fakeSafeStorage();
    await createDesktopAuditAnchor({ userData: dir, safeStorage }).record({
      store: STORE,
      head: head(12),
    });
    const path = join(dir, 'audit-checkpoints.json');
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.stores[STORE]['desk-1'].seq = 3;
    await writeFile(path, JSON.stringify(file));
    const [checkpoint] = await createDesktopAuditAnchor({ userData: dir, safeStorage }).read({
      store: STORE,
    });
    expect(checkpoint).toMatchObject({ seq: 3, signatureValid: false });
  });

  it('a key the keychain can no longer open is replaced, and its checkpoints are reported, not hidden', async () => {
    await createDesktopAuditAnchor({ userData: dir, safeStorage: fakeSafeStorage() }).record({
      store: STORE,
      head: head(5),
    });
    // Another Windows account: a different OS secret.
    const other = createDesktopAuditAnchor({ userData: dir, safeStorage: fakeSafeStorage() });
    expect(await other.read({ store: STORE })).toMatchObject([{ seq: 5, signatureValid: false }]);
  });

  it('without a keychain the key is a private file, and checkpoints still verify after a restart', async () => {
    const safeStorage = fakeSafeStorage({ available: false });
    const anchor = createDesktopAuditAnchor({ userData: dir, safeStorage });
    expect(anchor.keyStorage()).toBe('private-file');
    await anchor.record({ store: STORE, head: head(3) });
    expect(
      await createDesktopAuditAnchor({ userData: dir, safeStorage }).read({ store: STORE }),
    ).toMatchObject([{ seq: 3, signatureValid: true }]);
  });
});
