import { basename, dirname } from 'node:path';
import { deriveBackupKey } from '../../shared/backup/backup-key';
import { passphraseProblem, MIN_PASSPHRASE_LENGTH } from '../../shared/backup/passphrase';
import { encodeLine } from '../../shared/backup/payload';
import { currentSchemaVersion } from '../../shared/db/schema';
import { DEMO_CLINIC, demoStoreRows } from '../../shared/demo/demo-store';
import { clinicStaff } from '../../shared/demo/generate-clinic';
import { writeBackupFile } from '../backup/backup-file';
import { nodePrimitives } from '../backup/node-backup';
import { CliError } from './cli-message';
import { checkTarget, type SeedSummary } from './write-clinic';
import type { SeedOptions } from './seed-options';
import packageJson from '../../package.json' with { type: 'json' };

export type BackupSeedSummary = SeedSummary & { logins: string[] };

/**
 * Writes a generated clinic as a backup file, in exactly the format the app writes and restores,
 * through the same atomic writer (temporary file, flush, verify, rename).
 */
export const writeClinicBackup = async (
  options: SeedOptions,
  passphrase: string,
  now: number,
): Promise<BackupSeedSummary> => {
  await checkTarget(options);
  if (passphraseProblem(passphrase))
    throw new CliError(
      {
        zh: `备份密码至少 ${MIN_PASSPHRASE_LENGTH} 个字符`,
        en: `the backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      },
      2,
    );
  const key = await deriveBackupKey(passphrase);
  const rows: Record<string, number> = {};
  const source = demoStoreRows(options);
  const encoder = new TextEncoder();
  const payload = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // About a megabyte per pull, so the writer's backpressure keeps memory flat.
      let text = '';
      while (text.length < 1_000_000) {
        const next = await source.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        rows[next.value.table] = (rows[next.value.table] ?? 0) + 1;
        text += await encodeLine(next.value.table, next.value.row);
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  try {
    const written = await writeBackupFile({
      dir: dirname(options.out),
      name: basename(options.out),
      key,
      primitives: nodePrimitives,
      appVersion: packageJson.version,
      createdAt: new Date(now).toISOString(),
      describe: () => ({
        schemaVersion: currentSchemaVersion,
        clinicName: DEMO_CLINIC.name,
        tables: rows,
      }),
      payload,
    });
    return {
      out: options.out,
      rows,
      bytes: written.bytes,
      logins: clinicStaff(options).map((s) => `${s.username} (${s.roles.join('+')})`),
    };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError({ zh: `写入失败：${reason}`, en: `could not write the file: ${reason}` }, 1);
  }
};
