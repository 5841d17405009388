import Dexie, { type Table } from 'dexie';
import { createCheckpointBook, type MacKey } from '../../../shared/audit/checkpoint-book';
import { checkpointSchema, type Checkpoint } from '../../../shared/audit/checkpoint';
import type { AuditAnchor } from '../../../shared/bridge/audit-anchor';

type KeptCheckpoint = { store: string; deviceId: string; checkpoint: Checkpoint };

/**
 * The browser's anchor: its own small database, apart from the clinic's store, so that deleting
 * or restoring the store leaves the key and the checkpoints where they were. The HMAC key is a
 * non-extractable CryptoKey: IndexedDB keeps it, no script can read its bytes (a script on the
 * page can still ask it to sign: the desktop's main process is the stronger anchor).
 */
export class AnchorDb extends Dexie {
  declare keys: Table<{ id: string; key: CryptoKey }, string>;
  declare checkpoints: Table<KeptCheckpoint, [string, string]>;

  constructor(name = 'clinicdesk-anchor', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ keys: 'id', checkpoints: '[store+deviceId], store' });
  }
}

const KEY_ID = 'hmac';
const encoder = new TextEncoder();

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

const fromHex = (text: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

/** The key, made once: two tabs starting together both keep the first one written. */
const loadKey = async (db: AnchorDb): Promise<CryptoKey> => {
  const kept = await db.keys.get(KEY_ID);
  if (kept) return kept.key;
  const made = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  return db.transaction('rw', db.keys, async () => {
    const raced = await db.keys.get(KEY_ID);
    if (raced) return raced.key;
    await db.keys.add({ id: KEY_ID, key: made });
    return made;
  });
};

const webMacKey = (key: CryptoKey): MacKey => ({
  sign: async (message) => hex(await crypto.subtle.sign('HMAC', key, encoder.encode(message))),
  verify: (message, mac) =>
    crypto.subtle.verify('HMAC', key, fromHex(mac), encoder.encode(message)),
});

export const createBrowserAuditAnchor = (db: AnchorDb = new AnchorDb()): AuditAnchor => {
  let key: Promise<MacKey> | undefined;
  return createCheckpointBook({
    key: () => {
      key ??= loadKey(db).then(webMacKey);
      key.catch(() => (key = undefined));
      return key;
    },
    shelf: {
      get: async (store, deviceId) => (await db.checkpoints.get([store, deviceId]))?.checkpoint,
      put: async (store, checkpoint) => {
        await db.checkpoints.put({ store, deviceId: checkpoint.deviceId, checkpoint });
      },
      // A row that is not a checkpoint any more (edited by hand) is shown as one whose
      // signature fails, never dropped: a missing checkpoint would raise no alarm.
      list: async (store) =>
        (await db.checkpoints.where('store').equals(store).toArray()).map(
          ({ deviceId, checkpoint }) => {
            const parsed = checkpointSchema.safeParse(checkpoint);
            return parsed.success
              ? parsed.data
              : { deviceId, seq: 1, hash: '0'.repeat(64), mac: '0'.repeat(64) };
          },
        ),
    },
  });
};
