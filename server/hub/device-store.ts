import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sha256Hex } from '../../shared/hash';
import type { DeviceInfo } from '../../shared/sync/protocol';
import { HubError } from './hub-error';
import { readMeta, type StoreCore } from './store-core';

/** No 0/O or 1/I: a code is read aloud and typed by hand. 32^8 ≈ 10^12 codes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
export const CODE_TTL_MS = 10 * 60_000;

/** "ab cd-efgh" → "ABCDEFGH": spaces, dashes and case do not matter when a code is typed. */
export const normalizeCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/** "ABCDEFGH" → "ABCD-EFGH", as shown to a person. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

const hashSecret = (secret: string): string => sha256Hex(`clinicdesk-hub:${secret}`);

export type PairingCode = { code: string; expiresAt: number; admin: boolean };

/** A one-time code: single use, expires in ten minutes, stored only as a hash. */
export const createPairingCode = async (
  core: StoreCore,
  options: { admin: boolean },
): Promise<PairingCode> => {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const now = core.clock.now();
  const expiresAt = now + CODE_TTL_MS;
  await core.db
    .insertInto('pairing_codes')
    .values({
      code_hash: hashSecret(code),
      admin: options.admin ? 1 : 0,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  // Spent and expired codes say nothing worth keeping.
  await core.db
    .deleteFrom('pairing_codes')
    .where('expires_at', '<', now - CODE_TTL_MS)
    .execute();
  return { code, expiresAt, admin: options.admin };
};

export type Paired = {
  deviceId: string;
  token: string;
  clinicId: string;
  clinicName: string;
  admin: boolean;
};

/**
 * Exchanges a pairing code for the device's own token. The first device on a new hub names the
 * clinic and is its admin (the owner's PC).
 */
export const pairDevice = (
  core: StoreCore,
  request: { code: string; deviceName: string; clinicName?: string },
): Promise<Paired> =>
  core.transaction(async (trx) => {
    const now = core.clock.now();
    const code = await trx
      .selectFrom('pairing_codes')
      .selectAll()
      .where('code_hash', '=', hashSecret(normalizeCode(request.code)))
      .executeTakeFirst();
    if (!code || code.used_at !== null || code.expires_at <= now) throw new HubError('wrong-code');
    const meta = await readMeta(trx);
    let clinicId = meta.clinic_id;
    let clinicName = meta.clinic_name;
    const first = clinicId === null;
    if (first) {
      if (!request.clinicName) {
        throw new HubError('malformed', {
          field: 'clinicName',
          detail: 'the first device names the clinic',
        });
      }
      clinicId = randomUUID();
      clinicName = request.clinicName;
      await trx
        .updateTable('meta')
        .set({ clinic_id: clinicId, clinic_name: clinicName })
        .where('id', '=', 1)
        .execute();
    }
    await trx
      .updateTable('pairing_codes')
      .set({ used_at: now })
      .where('code_hash', '=', code.code_hash)
      .execute();
    const token = randomBytes(32).toString('base64url');
    const deviceId = randomUUID();
    const admin = first || code.admin === 1;
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        name: request.deviceName,
        token_hash: hashSecret(token),
        admin: admin ? 1 : 0,
        paired_at: now,
        last_seen_at: now,
        acked_through: 0,
        cursor: 0,
        revoked_at: null,
      })
      .execute();
    return { deviceId, token, clinicId: clinicId!, clinicName: clinicName!, admin };
  });

export type AuthenticatedDevice = { id: string; name: string; admin: boolean };

/** The device a bearer token belongs to; a revoked token is refused at once. */
export const authenticate = async (
  core: StoreCore,
  token: string,
): Promise<AuthenticatedDevice> => {
  const device = await core.db
    .selectFrom('devices')
    .select(['id', 'name', 'admin', 'revoked_at'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!device) throw new HubError('unauthenticated');
  if (device.revoked_at !== null) throw new HubError('revoked');
  return { id: device.id, name: device.name, admin: device.admin === 1 };
};

/** Is this device still allowed? (Asked again on open live channels.) */
export const isRevoked = async (core: StoreCore, deviceId: string): Promise<boolean> => {
  const device = await core.db
    .selectFrom('devices')
    .select(['revoked_at'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return !device || device.revoked_at !== null;
};

export const listDevices = async (core: StoreCore): Promise<DeviceInfo[]> => {
  // Ties broken by id: PostgreSQL returns equal rows in whatever order their versions lie, so
  // without it the owner's list reshuffles each time a device is seen.
  const rows = await core.db
    .selectFrom('devices')
    .selectAll()
    .orderBy('paired_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    deviceId: row.id,
    name: row.name,
    admin: row.admin === 1,
    pairedAt: row.paired_at,
    lastSeenAt: row.last_seen_at,
    ackedThrough: row.acked_through,
    cursor: row.cursor,
    revokedAt: row.revoked_at,
  }));
};

/** Revokes a device: its token is refused from now on, also on an open live channel. */
export const revokeDevice = (core: StoreCore, deviceId: string): Promise<void> =>
  core.transaction(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device) throw new HubError('not-found');
    if (device.revoked_at !== null) return;
    if (device.admin === 1) {
      const admins = await trx
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('admin', '=', 1)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new HubError('last-admin');
    }
    await trx
      .updateTable('devices')
      .set({ revoked_at: core.clock.now() })
      .where('id', '=', deviceId)
      .execute();
    await core.publish(trx, { kind: 'revoked', deviceId });
  });
