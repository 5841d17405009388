import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Clock } from '../../shared/clock/clock';
import { pairingLink } from '../../shared/sync/pairing-link';
import { DataDirLockedError } from '../hub/data-dir-lock';
import { CODE_TTL_MS, formatCode } from '../hub/device-store';
import { SQLITE_FILE } from '../hub/hub-db';
import { startHub } from '../hub/hub';
import { openHubStore } from '../hub/hub-store';
import { bilingual, CliError } from './cli-message';

export type RawHubOptions = {
  data?: string;
  port?: string;
  host?: string;
  postgres?: string;
  cert?: string;
  key?: string;
};

export type HubCommandIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  clock: Clock;
  /** Resolves when the hub should stop (SIGTERM, SIGINT), with the signal's name. */
  waitForStop: () => Promise<string>;
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const hubOptionsSchema = z.object({
  data: z.string().min(1, { error: 'data' }),
  port: z.coerce.number().int().min(0).max(65_535),
  host: z.string().min(1),
  postgres: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  cert: z.string().optional(),
  key: z.string().optional(),
});

const parseOptions = (raw: RawHubOptions) => {
  if (!raw.data) {
    throw new CliError(
      { zh: '请用 --data 指定同步服务的数据文件夹', en: 'name the hub data folder with --data' },
      2,
    );
  }
  const parsed = hubOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    const messages: Record<string, { zh: string; en: string }> = {
      port: { zh: '--port 应为 0 到 65535 的端口号', en: '--port must be a port from 0 to 65535' },
      postgres: {
        zh: '--postgres 应为 postgres:// 开头的连接地址',
        en: '--postgres must be a postgres:// connection URL',
      },
    };
    throw new CliError(
      messages[field] ?? { zh: `参数 --${field} 有误`, en: `invalid --${field}` },
      2,
    );
  }
  if (Boolean(parsed.data.cert) !== Boolean(parsed.data.key)) {
    throw new CliError({ zh: '--cert 与 --key 须同时提供', en: '--cert and --key go together' }, 2);
  }
  return { ...parsed.data, data: resolve(parsed.data.data) };
};

/** Addresses other PCs in the clinic can reach this hub at. */
const lanAddresses = (host: string): string[] => {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
};

const readTls = async (cert?: string, key?: string) => {
  if (!cert || !key) return undefined;
  try {
    return { cert: await readFile(cert), key: await readFile(key) };
  } catch {
    throw new CliError(
      { zh: '无法读取 --cert 或 --key 指定的文件', en: 'cannot read the --cert or --key file' },
      1,
    );
  }
};

/** A code typed on the new PC, also as a QR code for a phone-sized glance. */
const describeCode = async (
  code: string,
  minutes: number,
  hubUrl: string | undefined,
): Promise<string> => {
  const qr = await QRCode.toString(pairingLink({ hub: hubUrl, code }), {
    type: 'utf8',
    errorCorrectionLevel: 'M',
  });
  return [
    bilingual({ zh: `配对码：${formatCode(code)}`, en: `pairing code: ${formatCode(code)}` }),
    bilingual({
      zh: `${minutes} 分钟内有效，只能使用一次`,
      en: `valid for ${minutes} minutes, once`,
    }),
    qr,
  ].join('\n');
};

/** `clinicdesk hub`: runs the hub until SIGTERM or SIGINT, then finishes what is in flight. */
export const runHubCommand = async (raw: RawHubOptions, io: HubCommandIo): Promise<void> => {
  const options = parseOptions(raw);
  // Listen for SIGTERM from the start: a stop while starting up still closes cleanly.
  const stop = io.waitForStop();
  const tls = await readTls(options.cert, options.key);
  let hub;
  try {
    hub = await startHub({
      dataDir: options.data,
      host: options.host,
      port: options.port,
      postgresUrl: options.postgres,
      tls,
      clock: io.clock,
      log: (event, fields) => {
        const detail = Object.entries(fields ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        io.stdout(
          `${new Date(io.clock.now()).toISOString()} ${event}${detail ? ` ${detail}` : ''}\n`,
        );
      },
    });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliError(
        {
          zh: `另一个同步服务（进程 ${error.pid}）正在使用 ${options.data}，同一数据文件夹只能运行一个`,
          en: `another hub (process ${error.pid}) is using ${options.data}; one hub per data folder`,
        },
        1,
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        {
          zh: `端口 ${options.port} 已被占用，请用 --port 换一个`,
          en: `port ${options.port} is in use; choose another with --port`,
        },
        1,
      );
    }
    if (options.postgres && (code === 'ECONNREFUSED' || code === '28P01' || code === '3D000')) {
      throw new CliError(
        {
          zh: '无法连接 --postgres 指定的数据库，请检查地址、用户和密码',
          en: 'cannot connect to the --postgres database: check its address, user and password',
        },
        1,
      );
    }
    throw error;
  }
  const urls = lanAddresses(options.host).map(
    (address) =>
      `${tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${hub.port}`,
  );
  if (!tls && !LOOPBACK.test(options.host)) {
    io.stderr(
      `${bilingual({
        zh: '警告：未启用 TLS，诊所局域网内的同步数据未加密传输。请用 --cert 和 --key 启用加密。',
        en: 'warning: no TLS, sync traffic on the clinic network is unencrypted. Use --cert and --key to encrypt it.',
      })}\n`,
    );
  }
  const info = await hub.store.info();
  if (!info.clinicId) {
    const code = await hub.store.createPairingCode(true);
    io.stdout(
      `${bilingual({
        zh: '尚无诊所：在负责人的电脑上打开 ClinicDesk →「同步」，输入以下配对码连接本服务。',
        en: "no clinic yet: on the owner's PC open ClinicDesk → Sync and enter this code to connect.",
      })}\n${await describeCode(code.code, CODE_TTL_MS / 60_000, urls[0])}\n`,
    );
  }
  io.stdout(
    `${bilingual({ zh: `同步服务已启动：${urls.join('  ')}`, en: `hub listening on ${urls.join('  ')}` })}\n` +
      `${bilingual({
        zh: `数据：${options.postgres ? 'PostgreSQL' : `${options.data}（SQLite）`}`,
        en: `data: ${options.postgres ? 'PostgreSQL' : `${options.data} (SQLite)`}`,
      })}\n`,
  );
  const signal = await stop;
  io.stdout(`${bilingual({ zh: `收到 ${signal}，正在停止…`, en: `${signal}: stopping…` })}\n`);
  await hub.close();
  io.stdout(`${bilingual({ zh: '同步服务已停止', en: 'hub stopped' })}\n`);
};

/** `clinicdesk hub pair-code`: a one-time code for a hub that runs on a server, no desktop at hand. */
export const pairCodeCommand = async (
  raw: { data?: string; postgres?: string; admin?: boolean },
  io: Pick<HubCommandIo, 'stdout' | 'clock'>,
): Promise<void> => {
  const options = parseOptions({
    data: raw.data,
    postgres: raw.postgres,
    port: '0',
    host: '127.0.0.1',
  });
  if (!options.postgres) {
    // A mistyped folder must not quietly become a second, empty hub.
    await access(join(options.data, SQLITE_FILE)).catch(() => {
      throw new CliError(
        {
          zh: `${options.data} 中没有同步服务的数据，请先运行 clinicdesk hub --data ${options.data}`,
          en: `no hub data in ${options.data}: run clinicdesk hub --data ${options.data} first`,
        },
        1,
      );
    });
  }
  const store = await openHubStore(
    options.postgres ? { postgresUrl: options.postgres } : { sqliteDir: options.data },
    { clock: io.clock },
  );
  try {
    const info = await store.info();
    const code = await store.createPairingCode(raw.admin === true || !info.clinicId);
    io.stdout(`${await describeCode(code.code, CODE_TTL_MS / 60_000, undefined)}\n`);
  } finally {
    await store.close();
  }
};
