// A child process that writes one backup and reports each step on stdout, so that a test can
// kill it at a chosen moment (server/backup/backup-file.test.ts).
import { deriveBackupKey } from '../../../shared/backup/backup-key';
import { writeBackupFile } from '../backup-file';
import { nodePrimitives } from '../node-backup';

const [dir, name, passphrase, megabytes] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const size = Number(megabytes) * 1024 * 1024;
const piece = 256 * 1024;
let x = 12345;
let sent = 0;
const payload = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (sent >= size) return controller.close();
    const bytes = new Uint8Array(piece);
    for (let i = 0; i < piece; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = i % 4 === 0 ? x >>> 24 : 0x61 + (i % 26);
    }
    sent += piece;
    controller.enqueue(bytes);
  },
});
const key = await deriveBackupKey(passphrase, { iterations: 100_000 });
await writeBackupFile({
  dir,
  name,
  key,
  primitives: nodePrimitives,
  appVersion: 'test',
  createdAt: new Date(0).toISOString(),
  describe: { schemaVersion: 3, clinicName: 'child', tables: {} },
  payload,
  chunkSize: 256 * 1024,
  onProgress: (bytes) => process.stdout.write(`progress ${bytes}\n`),
  onPhase: (phase) => process.stdout.write(`${phase}\n`),
});
