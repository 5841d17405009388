import { startHub } from '../hub';
import { DEFAULT_MAINTENANCE } from '../snapshot-store';

/**
 * The hub in a child process for the fault tests: started from JSON options, it tells its parent
 * its address over IPC. With `holdPushes` each push waits inside its transaction, before the
 * commit, until the parent says "continue" (to stop or kill the hub with a push in flight).
 */
type ChildOptions = {
  dataDir: string;
  postgresUrl?: string;
  holdPushes?: boolean;
  /** No snapshot segments built in the background (the bench times a full build itself). */
  snapshotsOnDemand?: boolean;
};

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const send = (message: unknown) => process.send?.(message);

const hub = await startHub({
  dataDir: options.dataDir,
  postgresUrl: options.postgresUrl,
  host: '127.0.0.1',
  port: 0,
  clock: { now: () => Date.now() },
  log: (event, fields) => process.stdout.write(`${event} ${JSON.stringify(fields ?? {})}\n`),
  maintenanceMs: 3_600_000,
  ...(options.snapshotsOnDemand
    ? { maintenance: { ...DEFAULT_MAINTENANCE, segmentMinEntries: Number.MAX_SAFE_INTEGER } }
    : {}),
  hooks: options.holdPushes
    ? {
        pushBeforeCommit: () =>
          new Promise<void>((resolve) => {
            process.once('message', () => resolve());
            send({ kind: 'in-push' });
          }),
      }
    : undefined,
});
send({ kind: 'ready', url: hub.url });
process.once('SIGTERM', () => {
  void hub.close().then(() => process.exit(0));
});
