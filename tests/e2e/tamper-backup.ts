import { writeFile } from 'node:fs/promises';
import { readBackup } from '../../shared/backup/read-backup';
import { writeBackup } from '../../shared/backup/write-backup';
import { fileStream, nodePrimitives } from '../../server/backup/node-backup';

type Line = { table: string; row: Record<string, unknown> };

/**
 * What someone holding a backup and its passphrase can do: open it, change rows, and seal it again
 * with the same key, so that it still decrypts and matches its manifest. Only the restore's own
 * checks (the audit chain, the notices' hashes) can tell. Writes the altered copy to `out`.
 */
export const tamperBackup = async (
  path: string,
  passphrase: string,
  edit: (line: Line) => Line,
  out: string,
) => {
  const parts: Uint8Array[] = [];
  const read = await readBackup({
    source: fileStream(path),
    primitives: nodePrimitives,
    passphrase,
    onPayload: (bytes) => void parts.push(bytes.slice()),
  });
  const text = Buffer.concat(parts).toString('utf8');
  const edited = text
    .split('\n')
    .filter(Boolean)
    .map((line) => `${JSON.stringify(edit(JSON.parse(line) as Line))}\n`)
    .join('');
  const sealed: Uint8Array[] = [];
  await writeBackup({
    key: read.key,
    primitives: nodePrimitives,
    appVersion: read.manifest.appVersion,
    createdAt: read.header.createdAt,
    describe: {
      schemaVersion: read.manifest.schemaVersion,
      clinicName: read.manifest.clinicName,
      tables: read.manifest.tables,
    },
    payload: new Blob([edited]).stream(),
    write: async (bytes) => void sealed.push(bytes.slice()),
  });
  await writeFile(out, Buffer.concat(sealed));
};
