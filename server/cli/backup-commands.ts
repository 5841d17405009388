import { stat } from 'node:fs/promises';
import { BackupError, type BackupErrorReason } from '../../shared/backup/backup-error';
import { inspectBackup, readBackup } from '../../shared/backup/read-backup';
import { formatClinicTime } from '../../shared/clock/clinic-time';
import { displayWidth, padEndTo } from '../../shared/text-width';
import { bilingual, CliError, type CliMessage } from './cli-message';
import { fileStream, nodePrimitives } from '../backup/node-backup';

/** What a damaged or unusable backup file gets told, and what to do about it. */
export const backupProblem = (error: BackupError): CliMessage => {
  const at = error.offset?.toLocaleString('en-US') ?? '?';
  const messages: Record<BackupErrorReason, CliMessage> = {
    'not-a-backup': {
      zh: '这不是 ClinicDesk 备份文件',
      en: 'this is not a ClinicDesk backup file',
    },
    'newer-format': {
      zh: '这份备份由更新版本的 ClinicDesk 生成，请先升级 ClinicDesk 再读取',
      en: 'this backup was made by a newer ClinicDesk; update ClinicDesk to read it',
    },
    'wrong-passphrase': {
      zh: '备份密码不正确，无法打开这份备份',
      en: 'wrong passphrase: this backup cannot be opened with it',
    },
    corrupted: {
      zh: `文件已损坏（约在第 ${at} 字节处），无法恢复。请改用另一份备份`,
      en: `the file is damaged (at about byte ${at}) and cannot be restored; use another backup`,
    },
    truncated: {
      zh: `文件不完整（在第 ${at} 字节处中断），可能是复制没有完成。请重新复制或改用另一份备份`,
      en: `the file is truncated (it ends at byte ${at}); copying may not have finished. Copy it again or use another backup`,
    },
  };
  return messages[error.reason];
};

const asCliError = (error: unknown): never => {
  if (error instanceof BackupError) throw new CliError(backupProblem(error), 1);
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
    throw new CliError({ zh: '找不到该文件', en: 'no such file' }, 1);
  throw error;
};

const table = (lines: readonly [string, string][]): string => {
  const width = Math.max(...lines.map(([label]) => displayWidth(label)));
  return lines.map(([label, value]) => `  ${padEndTo(label, width)}  ${value}`).join('\n');
};

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

/** `clinicdesk backup inspect FILE`: the plain header, nothing decrypted, no passphrase. */
export const inspectCommand = async (file: string): Promise<string> => {
  const size = await stat(file).then((s) => s.size, asCliError);
  const { header, format } = await inspectBackup(fileStream(file)).catch(asCliError);
  return `${table([
    ['格式 format', String(format)],
    ['生成时间 made at', `${formatClinicTime(header.createdAt)} (${header.createdAt})`],
    ['程序版本 app version', `${header.app.name} ${header.app.version}`],
    ['文件大小 size', bytes(size)],
    ['加密 cipher', `${header.cipher.name}, ${bytes(header.cipher.chunkSize)} / chunk`],
    [
      '密钥派生 key derivation',
      `${header.kdf.name}, ${header.kdf.iterations.toLocaleString('en-US')} iterations`,
    ],
    ['压缩 compression', header.compression],
  ])}\n`;
};

/** `clinicdesk backup verify FILE`: decrypts everything and checks it against the manifest. */
export const verifyCommand = async (file: string, passphrase: string): Promise<string> => {
  await stat(file).catch(asCliError);
  const { manifest } = await readBackup({
    source: fileStream(file),
    primitives: nodePrimitives,
    passphrase,
  }).catch(asCliError);
  const rows = Object.entries(manifest.tables)
    .filter(([, count]) => count > 0)
    .map(([name, count]): [string, string] => [`  ${name}`, count.toLocaleString('en-US')]);
  return [
    bilingual({ zh: '备份完好，可以用于恢复', en: 'backup verified: it can be restored' }),
    table([
      ['诊所 clinic', manifest.clinicName],
      ['生成时间 made at', formatClinicTime(manifest.createdAt)],
      ['程序版本 app version', manifest.appVersion],
      ['数据版本 schema', String(manifest.schemaVersion)],
      ['内容 content', bytes(manifest.payload.bytes)],
      ['表 tables', ''],
      ...rows,
    ]),
    '',
  ].join('\n');
};
