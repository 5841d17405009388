/** The audit event that travels with each bench row, the same in the hub's log and the floor. */
export const benchAuditRow = (n: number, table: string, entityId: string, hlc: string) => ({
  id: `audit-${n}`,
  deviceId: 'bench-device',
  seq: n,
  at: '2026-11-20T01:00:00.000Z',
  hlc,
  actorId: '0193a4c2-0000-7000-8000-0000000000aa',
  actorName: '前台 李静',
  role: 'front-desk',
  action: 'create',
  entity: table,
  entityId,
  summary: table,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

/** The stamp of bench row n: one device, one millisecond apart. */
export const benchHlc = (n: number) =>
  `${String(1_700_000_000_000 + n).padStart(15, '0')}-00000-bench-device`;
