import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { encodeLine } from '../../shared/backup/payload';
import { demoStoreRows } from '../../shared/demo/demo-store';

/**
 * The demo clinic as the app's export writes it: NDJSON lines in a file, written a megabyte at a
 * time. Returns the rows per table, as a backup's manifest counts them.
 */
export const writeDemoPayload = async (
  path: string,
  clinic: { seed: number; patients: number; endDate: string },
): Promise<Record<string, number>> => {
  const tables: Record<string, number> = {};
  const out = createWriteStream(path);
  let text = '';
  for await (const { table, row } of demoStoreRows(clinic)) {
    tables[table] = (tables[table] ?? 0) + 1;
    text += await encodeLine(table, row);
    if (text.length > 1_000_000) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return tables;
};
