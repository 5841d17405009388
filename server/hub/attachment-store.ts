import { createHash } from 'node:crypto';
import { HubError } from './hub-error';
import type { StoreCore } from './store-core';

/**
 * Photos and scans travel beside the log, stored once by their SHA-256: a change names the hash,
 * a device uploads the bytes once and others fetch them in the background.
 */
export const putAttachment = async (
  core: StoreCore,
  hash: string,
  data: Buffer,
): Promise<'stored' | 'present'> => {
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== hash) throw new HubError('hash-mismatch', { expected: hash });
  const result = await core.db
    .insertInto('attachments')
    .values({ hash, size: data.length, data, created_at: core.clock.now() })
    .onConflict((oc) => oc.column('hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'stored' : 'present';
};

export const getAttachment = async (core: StoreCore, hash: string): Promise<Buffer> => {
  const row = await core.db
    .selectFrom('attachments')
    .select(['data'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  if (!row) throw new HubError('not-found');
  return row.data;
};

export const missingAttachments = async (
  core: StoreCore,
  hashes: readonly string[],
): Promise<string[]> => {
  const found = await core.db
    .selectFrom('attachments')
    .select(['hash'])
    .where('hash', 'in', [...hashes])
    .execute();
  const present = new Set(found.map((row) => row.hash));
  return [...new Set(hashes)].filter((hash) => !present.has(hash));
};
