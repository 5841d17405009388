import type { Kysely } from 'kysely';
import type { Change } from '../../shared/sync/protocol';
import { refusalText, StaffLedger, transactionVerdict } from '../../shared/sync/verdict';
import type { HubTables } from './hub-db';

/**
 * The hub judges each transaction as it enters the log (shared/sync/verdict.ts): the log is the
 * one place where "the staff accounts as the log stood just before it" is exactly defined, since
 * a transaction enters it whole, with consecutive seqs. Devices obey the verdict served with it.
 *
 * The accounts are a StaffLedger of the log through `through`: every staff change of an accepted
 * transaction, not erased, folded in seq order. It is built from the log by the first push after
 * the store opens (a restarted hub judges as before; a new epoch starts from an empty log, so an
 * empty ledger), then kept in memory and advanced by each push on a copy that replaces it only
 * once the push has committed: a push that fails or rolls back leaves it as it was.
 *
 * One hub process per data folder is the rule (data-dir-lock.ts). On PostgreSQL, where another
 * process may share the database, a push that finds the log longer than its ledger first reads
 * the staff changes it has not seen (under the lock on the log's end, so nothing is missed). A
 * retention disposal erased by another process is not seen that way: only a restart forgets it.
 *
 * An erasure is judged like every transaction (its disposal must authorise it), and only an
 * accepted one erases: `judgePush` says which entities this push's accepted erasures erase, the
 * ledger forgets an account only then, and log-store.ts wipes and records only those.
 */
export type LedgerState = { current?: { ledger: StaffLedger; through: number } };

type LogRowFields = {
  device_id: string;
  tx_index: number;
  tx_size: number;
  tbl: string;
  entity_id: string;
  op: string;
  received_at: number;
};

/**
 * The staff accounts as the log stands at `logEnd`, read inside the push's transaction (the log's
 * end is locked): the one held in memory, brought up to date from the log if another process
 * (or nobody yet, after a start) has written since. `owned` says whether it is a private copy.
 */
const ledgerAt = async (
  state: LedgerState,
  trx: Kysely<HubTables>,
  logEnd: number,
): Promise<{ ledger: StaffLedger; owned: boolean }> => {
  const held = state.current;
  if (held && held.through === logEnd) return { ledger: held.ledger, owned: false };
  // Nothing held yet, or a log shorter than what was held (it cannot shrink under a running
  // store; rebuilt from scratch all the same): read every staff change; else only the new ones.
  const from = held && held.through < logEnd ? held.through : 0;
  const ledger = from > 0 ? held!.ledger.clone() : new StaffLedger();
  const rows = await trx
    .selectFrom('log')
    .select(['device_id', 'received_at', 'body'])
    .where('tbl', '=', 'staff')
    .where('seq', '>', from)
    .where('seq', '<=', logEnd)
    .where('erased', '=', 0)
    .where('refused', 'is', null)
    .where('body', 'is not', null)
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const change = JSON.parse(row.body!) as Change;
    ledger.take([change], { deviceId: row.device_id, receivedAt: row.received_at });
  }
  return { ledger, owned: true };
};

/** The key of an erased entity, in the sets below: table and entity id. */
export const erasedKey = (row: { tbl: string; entity_id: string }): string =>
  `${row.tbl}\u0000${row.entity_id}`;

/**
 * Judges the complete transactions a push brings to the log (`rows`, in the seq order they get
 * from `logEnd + 1`) and says each row's `refused` text (null: accepted). `changeOf` gives each
 * row's change as pushed (parsed once); `erasedBefore` holds the entities an accepted erasure
 * already erased (`erasedKey`). Returns also `erased`: the entities the ACCEPTED erasures of
 * this push erase (a refused erasure erases nothing). `commit` keeps the advanced ledger: call it
 * only after the push's transaction committed.
 */
export const judgePush = async <R extends LogRowFields>(
  state: LedgerState,
  trx: Kysely<HubTables>,
  logEnd: number,
  rows: readonly R[],
  changeOf: (row: R) => Change,
  erasedBefore: ReadonlySet<string>,
): Promise<{ refused: (string | null)[]; erased: Set<string>; commit(): void }> => {
  const erased = new Set<string>();
  // Only changes held back for their transaction's end: nothing enters the log, nothing to judge.
  if (rows.length === 0) return { refused: [], erased, commit: () => {} };
  const wiped = (row: R) =>
    row.op !== 'erase' && (erasedBefore.has(erasedKey(row)) || erased.has(erasedKey(row)));
  const base = await ledgerAt(state, trx, logEnd);
  let ledger = base.ledger;
  let owned = base.owned;
  const own = (): StaffLedger => {
    if (!owned) {
      ledger = ledger.clone();
      owned = true;
    }
    return ledger;
  };
  const refused: (string | null)[] = [];
  for (let start = 0; start < rows.length;) {
    const first = rows[start]!;
    const end = start + first.tx_size;
    const txRows = rows.slice(start, end);
    const tx = txRows.map(changeOf);
    const verdict = transactionVerdict(tx, ledger.standingOf);
    const text = verdict.ok ? null : refusalText(verdict);
    for (let i = start; i < end; i++) refused.push(text);
    if (verdict.ok) {
      // Each staff change as a rebuild reads it from its log row (a transaction held over two
      // pushes has two receipt times); a wiped one (its account erased before) gives nothing.
      txRows.forEach((row, i) => {
        if (row.tbl !== 'staff' || wiped(row)) return;
        const origin = { deviceId: row.device_id, receivedAt: row.received_at };
        own().take([tx[i]!], origin);
      });
    }
    // An accepted disposal wipes the entity's changes from the log, and an account's from the
    // ledger; a refused one erases nothing.
    if (verdict.ok)
      for (const row of txRows) {
        if (row.op !== 'erase') continue;
        erased.add(erasedKey(row));
        if (row.tbl === 'staff') own().forget(row.entity_id);
      }
    start = end;
  }
  const through = logEnd + rows.length;
  return {
    refused,
    erased,
    commit: () => {
      // Pushes on PostgreSQL may finish out of order: keep the ledger of the longer log.
      const current = state.current;
      if (!current || current.through < through) state.current = { ledger, through };
    },
  };
};
