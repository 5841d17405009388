import type { Kysely } from 'kysely';
import type { HubTables } from './hub-db';
import { HubError } from './hub-error';

type IncomingRow = { tbl: string; op: string; entity_id: string; body: string | null };
type AuditLink = { eventId: string; deviceId: string; seq: number; hash: string };

/** The audit event a pushed change carries, when it is one the hub can judge. */
const auditLinkOf = (row: IncomingRow): AuditLink | undefined => {
  if (row.tbl !== 'auditEvents' || row.op !== 'insert' || row.body === null) return undefined;
  const data = (JSON.parse(row.body) as { data?: Record<string, unknown> }).data;
  const { deviceId, seq, hash } = data ?? {};
  if (typeof deviceId !== 'string' || typeof seq !== 'number' || typeof hash !== 'string')
    return undefined;
  return { eventId: row.entity_id, deviceId, seq, hash };
};

/** The hash the hub already holds for an audit event, by its id; null once compacted away. */
const heldHash = async (
  trx: Kysely<HubTables>,
  eventId: string,
): Promise<string | null | undefined> => {
  const row = await trx
    .selectFrom('log')
    .select('body')
    .where('tbl', '=', 'auditEvents')
    .where('entity_id', '=', eventId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.body === null) return null;
  const hash = (JSON.parse(row.body) as { data?: { hash?: unknown } }).data?.hash;
  return typeof hash === 'string' ? hash : null;
};

/**
 * The hub as the audit chains' far anchor (issue 10 item 8): it keeps the highest (seq, hash) it
 * has received of each device's chain, whichever PC pushed it, and refuses a push whose chain
 * goes backwards: another hash at the head it holds, or an event below it that the hub never
 * received or received with another hash. A device whose store was rolled back and rewritten
 * cannot make the clinic's other PCs take the rewritten history. Runs in the push's transaction.
 */
export const advanceAuditHeads = async (
  trx: Kysely<HubTables>,
  rows: readonly IncomingRow[],
): Promise<void> => {
  const links = rows.flatMap((row) => auditLinkOf(row) ?? []);
  if (links.length === 0) return;
  const heads = new Map<string, { seq: number; hash: string; moved: boolean }>();
  for (const link of links.sort((a, b) => a.seq - b.seq)) {
    let head = heads.get(link.deviceId);
    if (!head) {
      const stored = await trx
        .selectFrom('audit_heads')
        .select(['seq', 'hash'])
        .where('device_id', '=', link.deviceId)
        .executeTakeFirst();
      head = stored ? { ...stored, moved: false } : { seq: 0, hash: '', moved: false };
      heads.set(link.deviceId, head);
    }
    const rewound = { deviceId: link.deviceId, seq: link.seq };
    if (link.seq > head.seq) Object.assign(head, { seq: link.seq, hash: link.hash, moved: true });
    else if (link.seq === head.seq) {
      if (link.hash !== head.hash) throw new HubError('audit-chain-rewound', rewound);
    } else {
      const held = await heldHash(trx, link.eventId);
      if (held === undefined || (held !== null && held !== link.hash))
        throw new HubError('audit-chain-rewound', rewound);
    }
  }
  for (const [deviceId, head] of heads)
    if (head.moved)
      await trx
        .insertInto('audit_heads')
        .values({ device_id: deviceId, seq: head.seq, hash: head.hash })
        .onConflict((conflict) =>
          conflict.column('device_id').doUpdateSet({ seq: head.seq, hash: head.hash }),
        )
        .execute();
};
