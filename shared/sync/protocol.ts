import { z } from 'zod';
import type { SegmentPart } from './snapshot-parts';
import type { Refusal } from './verdict';

/**
 * The sync wire protocol between a workstation and the clinic's hub, version 1. Both sides
 * parse every message with these schemas; docs/sync-protocol.md explains them for people.
 *
 * The hub treats a change's `data` as opaque: it orders, stores, pages and serves changes, and
 * the merge happens on the devices (shared/sync). That keeps the hub ignorant of patient data
 * and leaves room for end-to-end encrypted payloads later.
 */
export const PROTOCOL_VERSION = 1;
/**
 * The version of the wire data a change was written with (not the local store's version). Still 1
 * since staff hold several roles: wire-compat.ts keeps the data readable both ways instead.
 */
export const WIRE_SCHEMA_VERSION = 1;

/** Sent on every /v1 request: a hub refuses versions it cannot serve with 426. */
export const PROTOCOL_HEADER = 'x-clinicdesk-protocol';
/**
 * On every /v1 response to an authenticated device (and a successful pairing), also on streams
 * and downloads; never before the token is accepted.
 */
export const HUB_HEADERS = {
  epoch: 'x-hub-epoch',
  time: 'x-hub-time',
  logEnd: 'x-log-end',
} as const;
export const SNAPSHOT_HEADERS = { seq: 'x-snapshot-seq', format: 'x-snapshot-format' } as const;

const MiB = 1024 * 1024;

/** Every request and response is bounded; a backlog is many pages, never one giant body. */
export const SYNC_LIMITS = {
  /** Changes in one push. */
  pushMaxChanges: 1000,
  /** Bytes of one push body (JSON). */
  pushMaxBytes: 4 * MiB,
  /** Bytes of one change's JSON; photos and scans travel as attachments, not in changes. */
  changeMaxBytes: 512 * 1024,
  /** Changes in one transaction (a catalogue import is split into several). */
  txMaxChanges: 2000,
  pullDefaultLimit: 1000,
  pullMaxLimit: 5000,
  pullDefaultBytes: 2 * MiB,
  pullMaxBytes: 8 * MiB,
  attachmentMaxBytes: 32 * MiB,
  /** Hashes asked about in one "which are missing" request. */
  attachmentQueryMax: 1000,
  /** Bytes of a small JSON request (pairing, revoke, …). */
  smallBodyMaxBytes: 16 * 1024,
  /** Entries of one row's history (GET /v1/rows/…): a row is edited a few dozen times, not more. */
  rowHistoryMaxEntries: 5000,
} as const;

export const HLC_PATTERN = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,64}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** A row's id (and a transaction's): what `entityId` and `txId` may be. */
export const entityIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/);
const id = entityIdSchema;

/** A synced table's name as a change carries it. */
export const tableNameSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/);

/** No control characters (NUL and friends): names are shown to people and stored as text. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u);

/** How deep a change's data may nest: deeper is no record of ours, and would blow the stack. */
export const MAX_DATA_DEPTH = 32;

/** True when `value` is plain JSON no deeper than `MAX_DATA_DEPTH`, with finite numbers only. */
export const isBoundedJson = (value: unknown): boolean => {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'number' && !Number.isFinite(item)) return false;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DATA_DEPTH) return false;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return true;
};

export const changeOpSchema = z.enum(['upsert', 'insert', 'erase']);
export type ChangeOp = z.infer<typeof changeOpSchema>;

/**
 * One change as a device pushes it. A device numbers its changes 1, 2, 3, … (`deviceSeq`) and
 * never reuses a number. Changes of one local transaction (a row and its audit event) share a
 * `txId` and occupy consecutive device numbers: `txIndex` 0 … `txSize - 1`.
 */
export const changeSchema = z
  .object({
    deviceSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    txId: id,
    txIndex: z.number().int().min(0),
    txSize: z.number().int().min(1).max(SYNC_LIMITS.txMaxChanges),
    table: tableNameSchema,
    entityId: id,
    op: changeOpSchema,
    hlc: z.string().max(100).regex(HLC_PATTERN),
    schemaVersion: z.number().int().min(1).max(10_000),
    /** The change itself (changed fields, a whole insert-only row, …): opaque to the hub. */
    data: z
      .unknown()
      .refine(isBoundedJson, { message: 'data nests too deep or holds a non-finite number' }),
  })
  .strict()
  .refine((c) => c.txIndex < c.txSize, {
    message: 'txIndex must be below txSize',
    path: ['txIndex'],
  });
export type Change = z.infer<typeof changeSchema>;

/** A change as the hub serves it: its place in the clinic's log and when the hub received it. */
export type LogEntry = {
  /** The cursor: the hub's order, never a clock. */
  seq: number;
  deviceId: string;
  /** Hub time (ms) when the change arrived: the merge bounds far-future stamps with it. */
  receivedAt: number;
  /**
   * True when a retention disposal erased this change's content: `change.data` is null, or for
   * an audit event the event wiped (whole if written before personal digests): its chain needs it.
   */
  erased?: true;
  /**
   * Present when the hub refused the change's transaction (shared/sync/verdict.ts): its author no
   * longer held the role as the log stood. Every device quarantines it instead of applying it.
   */
  refused?: Refusal;
  change: Change;
};

/** What every JSON response carries about the hub. */
export const hubStampSchema = z.object({
  /** A hub created afresh gets a new epoch; a device that sees another one re-pushes and re-snapshots. */
  epoch: z.string(),
  /** The hub's clock (ms), so a device can warn that its own clock is off. */
  time: z.number(),
  /** The last seq in the log. A log that ends before a device's cursor is a new epoch too. */
  logEnd: z.number().int().min(0),
});
export type HubStamp = z.infer<typeof hubStampSchema>;

export const pushRequestSchema = z
  .object({ changes: z.array(changeSchema).min(1).max(SYNC_LIMITS.pushMaxChanges) })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export type PushResponse = {
  /** Every change of this device up to here is durably held; the device may prune them. */
  ackedThrough: number;
  /** Changes new to the hub in this push (now in the log, or held until their transaction is complete). */
  accepted: number;
  /** Changes the hub already held with the same content (a retried push). */
  duplicates: number;
  hub: HubStamp;
};

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(SYNC_LIMITS.pullMaxLimit)
    .default(SYNC_LIMITS.pullDefaultLimit),
  maxBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(SYNC_LIMITS.pullMaxBytes)
    .default(SYNC_LIMITS.pullDefaultBytes),
});

export type PullResponse = {
  changes: LogEntry[];
  /** Store this as the cursor once the page is applied: the seq of the last change, or `after`. */
  next: number;
  /** More changes wait after `next`. */
  more: boolean;
  hub: HubStamp;
};

/**
 * One row's history (GET /v1/rows/:table/:entityId), for the author's device undoing what a
 * refused transaction did to it (an edit, or a disposal's erasure of a row of any kind): every
 * accepted entry the hub holds of that row (an audit event's refused insert too: it is history),
 * in seq order, erased ones with their content wiped. An editable row's entries folded away
 * merge to the same row as the ones kept; a written-once row's compacted ones come from the
 * snapshot.
 */
export type RowHistoryResponse = {
  entries: LogEntry[];
  hub: HubStamp;
};

export const pairRequestSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(4)
      .max(32)
      .regex(/^[A-Za-z0-9 -]+$/),
    deviceName: plainText(80),
    /** Only for the first device, which creates the clinic on a new hub. */
    clinicName: plainText(120).optional(),
  })
  .strict();

export type PairResponse = {
  deviceId: string;
  /** Shown once: the hub keeps only its hash. Sent as `Authorization: Bearer <token>`. */
  token: string;
  clinicId: string;
  clinicName: string;
  /** May issue pairing codes and revoke devices. */
  admin: boolean;
  hub: HubStamp;
};

export const pairingCodeRequestSchema = z.object({ admin: z.boolean().default(false) }).strict();

export type PairingCodeResponse = {
  code: string;
  expiresAt: number;
  /** What a QR code shows: the hub's address is added by whoever displays it. */
  admin: boolean;
  hub: HubStamp;
};

export type DeviceInfo = {
  deviceId: string;
  name: string;
  admin: boolean;
  pairedAt: number;
  lastSeenAt: number | null;
  /** The highest device number the hub holds from it. */
  ackedThrough: number;
  /** The last cursor it pulled from. */
  cursor: number;
  revokedAt: number | null;
};

/** The snapshot: the log up to `seq` as gzip'd NDJSON segments, each range split into parts. */
export type SnapshotManifest = {
  format: 'log/1';
  seq: number;
  segments: {
    id: number;
    part: SegmentPart;
    /** The segment holds this part's entries of seqs from+1 … to. */
    from: number;
    to: number;
    entries: number;
    bytes: number;
  }[];
};

export type HubInfo = {
  clinicId: string;
  clinicName: string;
  horizon: number;
  snapshotSeq: number;
  protocol: { min: number; max: number };
  schema: { min: number; max: number };
  limits: typeof SYNC_LIMITS;
  hub: HubStamp;
};

export const attachmentQuerySchema = z
  .object({
    hashes: z.array(z.string().regex(SHA256_PATTERN)).min(1).max(SYNC_LIMITS.attachmentQueryMax),
  })
  .strict();

/**
 * Why a request was refused. Each has its own sentence (zh, en) in the body, and a device acts on
 * the reason, not on the wording: docs/sync-protocol.md says what a client must do for each.
 */
export type SyncErrorReason =
  | 'malformed' // 400
  | 'broken-transaction' // 400
  | 'unauthenticated' // 401
  | 'revoked' // 401
  | 'not-admin' // 403
  | 'last-admin' // 403
  | 'not-found' // 404
  | 'no-snapshot' // 404
  | 'gap' // 409
  | 'audit-chain-rewound' // 409
  | 'behind-horizon' // 410
  | 'too-large' // 413
  | 'cursor-ahead' // 416
  | 'conflicting-duplicate' // 422
  | 'hash-mismatch' // 422
  | 'client-too-old' // 426
  | 'hub-too-old' // 426
  | 'wrong-code' // 403
  | 'rate-limited' // 429
  | 'storage-full' // 507
  | 'unavailable'; // 503

export type SyncErrorBody = {
  error: SyncErrorReason;
  message: { zh: string; en: string };
  /** Only once the device's token was accepted: an unauthenticated caller learns nothing. */
  hub?: HubStamp;
} & Record<string, unknown>;
