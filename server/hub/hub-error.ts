import type { SyncErrorReason } from '../../shared/sync/protocol';

const STATUS: Record<SyncErrorReason, number> = {
  malformed: 400,
  'broken-transaction': 400,
  unauthenticated: 401,
  revoked: 401,
  'not-admin': 403,
  'last-admin': 403,
  'wrong-code': 403,
  'not-found': 404,
  'no-snapshot': 404,
  gap: 409,
  'audit-chain-rewound': 409,
  'behind-horizon': 410,
  'too-large': 413,
  'cursor-ahead': 416,
  'conflicting-duplicate': 422,
  'hash-mismatch': 422,
  'client-too-old': 426,
  'hub-too-old': 426,
  'rate-limited': 429,
  unavailable: 503,
  'storage-full': 507,
};

/** Sentences a person may read on the Sync screen or in a terminal: what happened, what to do. */
const MESSAGES: Record<SyncErrorReason, { zh: string; en: string }> = {
  malformed: { zh: '请求格式不正确。', en: 'The request is malformed.' },
  'broken-transaction': {
    zh: '一组更改不完整或顺序错误，同步服务未接收。',
    en: 'A group of changes was incomplete or out of order; the hub did not take it.',
  },
  unauthenticated: {
    zh: '本机未与诊所同步服务配对，或凭据无效。请重新配对。',
    en: 'This PC is not paired with the clinic hub, or its credentials are invalid. Pair it again.',
  },
  revoked: {
    zh: '本机已被负责人从诊所同步服务中移除。如需继续同步，请负责人重新配对。',
    en: 'The owner removed this PC from the clinic hub. To sync again, the owner must pair it again.',
  },
  'not-admin': {
    zh: '只有负责人的工作站可以执行此操作。',
    en: "Only the owner's workstation can do this.",
  },
  'last-admin': {
    zh: '不能移除最后一台负责人工作站。',
    en: "The last owner's workstation cannot be removed.",
  },
  'wrong-code': {
    zh: '配对码错误或已过期。请向负责人索取新的配对码。',
    en: 'The pairing code is wrong or has expired. Ask the owner for a new one.',
  },
  'not-found': { zh: '未找到。', en: 'Not found.' },
  'no-snapshot': {
    zh: '同步服务还没有快照，请从头拉取更改。',
    en: 'The hub has no snapshot yet; pull the changes from the start.',
  },
  'audit-chain-rewound': {
    zh: '本机的审计日志比同步服务已收到的短或与之不同（日志可能被删除或改写），同步服务未接收。请不要修补数据，立即告知诊所负责人。',
    en: "This PC's audit log is shorter than, or differs from, what the hub already received (it may have been deleted or rewritten); the hub did not take it. Do not patch any data; tell the clinic owner at once.",
  },
  gap: {
    zh: '同步服务缺少本机之前的更改，请从缺少的编号起重新发送。',
    en: 'The hub is missing earlier changes from this PC; send again from the missing number.',
  },
  'behind-horizon': {
    zh: '本机太久未同步，需要重新下载诊所数据快照。',
    en: "This PC has been away too long; it must download the clinic's snapshot again.",
  },
  'too-large': {
    zh: '请求过大，请分批发送。',
    en: 'The request is too large; send it in smaller pages.',
  },
  'cursor-ahead': {
    zh: '同步服务的记录比本机少：它可能已被重建或从旧备份恢复。',
    en: 'The hub holds less than this PC has seen: it may have been rebuilt or restored from an older copy.',
  },
  'conflicting-duplicate': {
    zh: '同一编号的更改内容与同步服务已有的不同，已拒绝并记录。请联系负责人。',
    en: 'A change with the same number but different content was refused and reported. Tell the owner.',
  },
  'hash-mismatch': {
    zh: '文件内容与其校验值不符，请重新上传。',
    en: 'The file does not match its hash; upload it again.',
  },
  'client-too-old': {
    zh: '本机的 ClinicDesk 版本过旧，请更新 ClinicDesk 后再同步。',
    en: 'This PC runs an old version of ClinicDesk. Update ClinicDesk to sync again.',
  },
  'hub-too-old': {
    zh: '诊所同步服务的版本比本机旧，请更新运行同步服务的电脑上的 ClinicDesk。',
    en: 'The clinic hub runs an older ClinicDesk than this PC. Update ClinicDesk on the PC that hosts the hub.',
  },
  'rate-limited': {
    zh: '尝试次数过多，请稍后再试。',
    en: 'Too many attempts; try again later.',
  },
  unavailable: {
    zh: '同步服务暂时不可用，本机会自动重试。',
    en: 'The hub is unavailable for now; this PC will retry by itself.',
  },
  'storage-full': {
    zh: '同步服务所在电脑的磁盘已满，未接收新的更改（已接收的不会丢失）。请清理磁盘空间。',
    en: "The hub's disk is full; new changes were not taken (nothing taken before is lost). Free some disk space.",
  },
};

/** A refusal the hub answers with its status code, reason and sentence; never a crash. */
export class HubError extends Error {
  readonly status: number;
  constructor(
    readonly reason: SyncErrorReason,
    readonly details: Record<string, unknown> = {},
  ) {
    super(MESSAGES[reason].en);
    this.name = 'HubError';
    this.status = STATUS[reason];
  }

  get sentence(): { zh: string; en: string } {
    return MESSAGES[this.reason];
  }
}

/** Disk full on either store: refuse, keep what was committed, recover when space returns. */
export const isStorageFull = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC';
};

/** The database could not be reached (PostgreSQL restarting, connection cut, SQLite busy). */
export const isUnavailable = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    const message = error instanceof Error ? error.message : '';
    return /Connection terminated|connection.*(closed|ended)|ECONNREFUSED/i.test(message);
  }
  return (
    code === 'SQLITE_BUSY' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now
    code.startsWith('08') // connection exceptions
  );
};
