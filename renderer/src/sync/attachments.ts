import { blobFacts, type Attachment } from '../../../shared/attachments/attachment';
import { sha256HexOfBytes } from '../../../shared/hash';
import { HubRequestError, type HubClient } from '../../../shared/sync/hub-client';
import { wireRow } from '../../../shared/sync/merge';
import { SYNC_LIMITS, type Change } from '../../../shared/sync/protocol';
import type { ClinicDb } from '../db/database';

/**
 * Attachments (patients' photos, complaint files) travel by content hash, not in the change log: the log carries
 * the row naming the bytes (`blobHash`), the bytes go to the hub's attachment store before the
 * push that names them, and other PCs fetch them in the background after their pull (photos
 * last: a new workstation's search and today's work come first). docs/sync-protocol.md
 * "Attachments".
 */

/** Set by the apply step when attachment rows arrive: their bytes are to be fetched. */
export const ATTACHMENTS_WAITING_KEY = 'attachmentsWaiting';

const bytesOf = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());

/**
 * Outbox entries written before photos had hashes carry the Blob itself (which JSON would send
 * as `{}`): each gets its hash and size, and loses the bytes, before it is ever pushed; the photo
 * row here gains the same hash, so the change coming back from the hub matches it.
 */
export const hashOutboxAttachments = async (db: ClinicDb): Promise<number> => {
  const entries = await db.outbox
    // An entry emptied by a retention disposal (data null) carries nothing to hash.
    .filter(
      (entry) => entry.table === 'attachments' && entry.op === 'insert' && entry.data !== null,
    )
    .toArray();
  let fixed = 0;
  for (const entry of entries) {
    const data = entry.data as Partial<Attachment> & Record<string, unknown>;
    if (typeof data.blobHash === 'string') continue;
    const row = await db.attachments.get(entry.entityId);
    const blob = row?.blob ?? (data.blob instanceof Blob ? data.blob : undefined);
    if (!blob) continue;
    const facts = await blobFacts(blob);
    await db.transaction('rw', db.outbox, db.attachments, async () => {
      await db.outbox.update(entry.id, { data: { ...wireRow('attachments', data), ...facts } });
      if (row && row.blobHash === undefined) await db.attachments.update(row.id, facts);
    });
    fixed++;
  }
  return fixed;
};

/** Uploads the bytes that a page of changes names and the hub lacks, before the page is pushed. */
export const uploadAttachments = async (
  db: ClinicDb,
  client: HubClient,
  changes: readonly Change[],
): Promise<number> => {
  const named = new Map<string, string>();
  for (const change of changes) {
    if (change.table !== 'attachments' || change.op !== 'insert') continue;
    const hash = (change.data as { blobHash?: unknown } | null)?.blobHash;
    if (typeof hash === 'string') named.set(hash, change.entityId);
  }
  let uploaded = 0;
  const hashes = [...named.keys()];
  for (let i = 0; i < hashes.length; i += SYNC_LIMITS.attachmentQueryMax) {
    const missing = await client.missingAttachments(
      hashes.slice(i, i + SYNC_LIMITS.attachmentQueryMax),
    );
    for (const hash of missing) {
      const blob = (await db.attachments.get(named.get(hash)!))?.blob;
      // Bytes this PC never had (a row it only relays) are the writer's to upload.
      if (!blob) continue;
      await client.putAttachment(hash, await bytesOf(blob));
      uploaded++;
    }
  }
  return uploaded;
};

/**
 * Fetches the bytes of attachments whose rows arrived without them, checking each against its
 * hash. Bytes the hub does not have yet (the writer's PC has not uploaded them) are tried again
 * on a later round; any other failure ends the round (the engine retries with backoff).
 */
export const fetchAttachments = async (db: ClinicDb, client: HubClient): Promise<number> => {
  // Only after attachment rows came in: the scan reads every photo row.
  if ((await db.syncState.get(ATTACHMENTS_WAITING_KEY))?.value !== true) return 0;
  const waiting = await db.attachments
    .filter((row) => row.blob === undefined && typeof row.blobHash === 'string')
    .toArray();
  let fetched = 0;
  for (const row of waiting) {
    let bytes: Uint8Array;
    try {
      bytes = await client.getAttachment(row.blobHash!);
    } catch (error) {
      if (error instanceof HubRequestError && error.status === 404) continue;
      throw error;
    }
    // The hub checks hashes on upload; a PC checks again what it stores.
    if (sha256HexOfBytes(bytes) !== row.blobHash) continue;
    const blob = new Blob([bytes as BlobPart], { type: row.mime });
    await db.transaction('rw', db.attachments, async () => {
      const now = await db.attachments.get(row.id);
      if (now && now.blob === undefined) await db.attachments.update(row.id, { blob });
    });
    fetched++;
  }
  if (fetched === waiting.length) await db.syncState.delete(ATTACHMENTS_WAITING_KEY);
  return fetched;
};
