import { gunzipSync } from 'node:zlib';
import type { Clock } from '../../../shared/clock/clock';
import { encodeHlc } from '../../../shared/clock/hlc';
import { createHubClient, type HubClient } from '../../../shared/sync/hub-client';
import { WIRE_SCHEMA_VERSION, type Change, type LogEntry } from '../../../shared/sync/protocol';
import { startHub, type HubOptions, type RunningHub } from '../hub';
import type { TestBackend } from './backends';

export type TestHub = {
  hub: RunningHub;
  logs: string[];
  dataDir: string;
  postgresUrl?: string;
  /** A client paired as a new device (the first one becomes the clinic's admin). */
  pairClient(
    name: string,
    options?: { admin?: boolean },
  ): Promise<HubClient & { deviceId: string }>;
  dispose(): Promise<void>;
};

export const startTestHub = async (
  backend: TestBackend,
  options: Partial<HubOptions> & { clock?: Clock } = {},
): Promise<TestHub> => {
  const created = await backend.create();
  const logs: string[] = [];
  const hub = await startHub({
    dataDir: created.dataDir,
    host: '127.0.0.1',
    port: 0,
    postgresUrl: created.postgresUrl,
    clock: options.clock ?? { now: () => Date.now() },
    log: (event, fields) => logs.push(`${event} ${JSON.stringify(fields ?? {})}`),
    heartbeatMs: 50,
    maintenanceMs: 3_600_000,
    ...options,
  });
  let first = true;
  return {
    hub,
    logs,
    dataDir: created.dataDir,
    postgresUrl: created.postgresUrl,
    async pairClient(name, pairOptions = {}) {
      const { code } = await hub.store.createPairingCode(pairOptions.admin ?? false);
      const client = createHubClient({ url: hub.url });
      const paired = await client.pair({
        code,
        deviceName: name,
        ...(first ? { clinicName: '测试口腔诊所' } : {}),
      });
      first = false;
      return Object.assign(client, { deviceId: paired.deviceId });
    },
    async dispose() {
      await hub.close();
      await created.dispose();
    },
  };
};

/**
 * A device's changes numbered from `fromSeq`: `count` changes in transactions of `txSize` (a row
 * and its audit event are a transaction of 2).
 */
export const makeChanges = (
  deviceId: string,
  fromSeq: number,
  count: number,
  options: { txSize?: number; table?: string; data?: (seq: number) => unknown; wall?: number } = {},
): Change[] => {
  const txSize = options.txSize ?? 1;
  const changes: Change[] = [];
  for (let i = 0; i < count; i++) {
    const deviceSeq = fromSeq + i;
    const txStart = fromSeq + Math.floor(i / txSize) * txSize;
    changes.push({
      deviceSeq,
      txId: `tx-${deviceId.slice(0, 8)}-${txStart}`,
      txIndex: deviceSeq - txStart,
      txSize,
      table: options.table ?? 'patients',
      entityId: `p-${deviceId.slice(0, 8)}-${deviceSeq}`,
      op: 'upsert',
      hlc: encodeHlc({
        wall: options.wall ?? 1_764_000_000_000 + deviceSeq,
        counter: 0,
        node: deviceId,
      }),
      schemaVersion: WIRE_SCHEMA_VERSION,
      data: options.data ? options.data(deviceSeq) : { fields: { note: `change ${deviceSeq}` } },
    });
  }
  return changes;
};

/** Every line of the hub's snapshot as a device reads it, segment by segment in the order given. */
export const snapshotLines = async (
  client: HubClient,
  segments: readonly { id: number }[],
): Promise<LogEntry[]> => {
  const lines: LogEntry[] = [];
  for (const segment of segments)
    lines.push(
      ...gunzipSync(await client.segment(segment.id))
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as LogEntry),
    );
  return lines;
};
