import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import type { Clock } from '../../shared/clock/clock';
import type { TableName } from '../../shared/db/schema';
import { displayWidth, padEndTo } from '../../shared/text-width';
import { inspectCommand, verifyCommand } from './backup-commands';
import { pairCodeCommand, runHubCommand, type RawHubOptions } from './hub-command';
import { bilingual, CliError } from './cli-message';
import { readPassphraseFile } from './passphrase';
import {
  DEFAULT_SEED,
  DEFAULT_VISITS_PER_PATIENT,
  MAX_PATIENTS,
  parseSeedOptions,
  type RawSeedOptions,
} from './seed-options';
import { writeClinicNdjson, type SeedSummary } from './write-clinic';
import { writeClinicBackup } from './write-clinic-backup';
import { DEMO_PASSWORD } from '../../shared/demo/demo-store';

/** Everything the CLI touches outside its arguments, so tests run it in-process. */
export type CliIo = {
  /** Resolves when a long-running command (the hub) should stop, with the signal's name. */
  waitForStop?: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  clock: Clock;
  /** Elapsed milliseconds, for the summary only. */
  elapsed: () => number;
  /** Asks for a passphrase on the terminal without echoing it. */
  readPassphrase: (prompt: string) => Promise<string>;
};

const TABLE_LABELS: Partial<Record<TableName, string>> = {
  patients: '患者 patients',
  visits: '就诊 visits',
  staff: '员工 staff',
  settings: '设置 settings',
};

const formatSummary = (summary: SeedSummary, seconds: number): string => {
  const lines: [string, string][] = [
    ...Object.entries(summary.rows).map(([table, count]): [string, string] => [
      TABLE_LABELS[table as TableName] ?? table,
      count.toLocaleString('en-US'),
    ]),
    ['字节 bytes', summary.bytes.toLocaleString('en-US')],
    ['用时 seconds', seconds.toFixed(1)],
  ];
  const labelWidth = Math.max(...lines.map(([label]) => displayWidth(label)));
  const valueWidth = Math.max(...lines.map(([, value]) => value.length));
  return [
    bilingual({ zh: `演示诊所已写入 ${summary.out}`, en: `demo clinic written to ${summary.out}` }),
    ...lines.map(
      ([label, value]) => `  ${padEndTo(label, labelWidth)}  ${value.padStart(valueWidth)}`,
    ),
    '',
  ].join('\n');
};

const buildProgram = (io: CliIo, setExitCode: (code: number) => void): Command => {
  const program = new Command('clinicdesk')
    .description('ClinicDesk 命令行工具 / ClinicDesk command line tool')
    .version(packageJson.version, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令的帮助 / show help for a command')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });

  program
    .command('seed')
    .description(
      '生成一个演示诊所（患者与就诊记录）写入 NDJSON 文件 / generate a demo clinic (patients and visits) as NDJSON',
    )
    .option(
      '--patients <n>',
      `患者数量，1 到 ${MAX_PATIENTS} / number of patients, 1 to ${MAX_PATIENTS}`,
    )
    .option(
      '--seed <text>',
      '随机种子：相同种子生成相同数据 / seed: the same seed gives the same data',
      DEFAULT_SEED,
    )
    .option(
      '--end-date <YYYY-MM-DD>',
      '就诊记录截止日期，默认今天 / last day of visits, default today',
    )
    .option(
      '--visits-per-patient <n>',
      '平均就诊次数 / mean visits per patient',
      String(DEFAULT_VISITS_PER_PATIENT),
    )
    .option(
      '--busy-day <n>',
      '截止日当天的就诊数（基准测试用） / visits on the last day, for benches',
    )
    .option('--out <file>', '输出 NDJSON 文件 / NDJSON output file')
    .option(
      '--backup <file>',
      "改为写成加密备份文件，格式与应用的备份相同 / write an encrypted backup instead, in the app's own format",
    )
    .option(
      '--passphrase-file <file>',
      '备份密码所在的文件（否则在终端输入） / file holding the backup passphrase (otherwise asked for)',
    )
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (raw: RawSeedOptions) => {
      const parsed = parseSeedOptions(raw, io.clock);
      if (!parsed.ok) {
        for (const error of parsed.errors) io.stderr(`${bilingual(error)}\n`);
        setExitCode(2);
        return;
      }
      const started = io.elapsed();
      if (parsed.options.format === 'backup') {
        const passphrase = parsed.options.passphraseFile
          ? await readPassphraseFile(parsed.options.passphraseFile)
          : await io.readPassphrase('备份密码 / backup passphrase: ');
        const summary = await writeClinicBackup(parsed.options, passphrase, io.clock.now());
        io.stdout(formatSummary(summary, (io.elapsed() - started) / 1000));
        io.stdout(
          `${bilingual({ zh: `演示账号（初始密码 ${DEMO_PASSWORD}，首次登录须修改）`, en: `demo logins (password ${DEMO_PASSWORD}, to be changed at first login)` })}\n${summary.logins.map((l) => `  ${l}`).join('\n')}\n`,
        );
        return;
      }
      const summary = await writeClinicNdjson(parsed.options);
      io.stdout(formatSummary(summary, (io.elapsed() - started) / 1000));
    });
  const backup = program
    .command('backup')
    .description('检查备份文件 / check backup files')
    .helpOption('-h, --help', '显示帮助 / show help');
  backup
    .command('inspect <file>')
    .description(
      "显示备份文件的文件头，无需密码 / show a backup file's header, no passphrase needed",
    )
    .action(async (file: string) => io.stdout(await inspectCommand(file)));
  backup
    .command('verify <file>')
    .description('解密并校验整个备份文件 / decrypt and check a whole backup file')
    .option(
      '--passphrase-file <file>',
      '从文件读取备份密码（否则在终端输入） / read the passphrase from a file (otherwise asked for)',
    )
    .action(async (file: string, options: { passphraseFile?: string }) => {
      const passphrase = options.passphraseFile
        ? await readPassphraseFile(options.passphraseFile)
        : await io.readPassphrase('备份密码 / backup passphrase: ');
      io.stdout(await verifyCommand(file, passphrase));
    });
  const hub = program
    .command('hub')
    .description('运行诊所同步服务 / run the clinic sync hub')
    .helpOption('-h, --help', '显示帮助 / show help')
    // `hub pair-code --data DIR`: options after the subcommand are the subcommand's own.
    .enablePositionalOptions()
    .option('--data <dir>', '数据文件夹（SQLite 与锁文件） / data folder (SQLite and its lock)')
    .option('--port <n>', '端口 / port', '7300')
    .option(
      '--host <address>',
      '监听地址；诊所局域网用 0.0.0.0 / address to listen on; 0.0.0.0 for the clinic LAN',
      '127.0.0.1',
    )
    .option('--postgres <url>', '改用 PostgreSQL 存储 / store the log in PostgreSQL instead')
    .option('--cert <file>', 'TLS 证书（PEM） / TLS certificate (PEM)')
    .option('--key <file>', 'TLS 私钥（PEM） / TLS private key (PEM)')
    .action((options: RawHubOptions) =>
      runHubCommand(options, {
        ...io,
        waitForStop: io.waitForStop ?? (() => new Promise(() => {})),
      }),
    );
  hub
    .command('pair-code')
    .description('为新工作站生成一次性配对码 / print a one-time pairing code for a new workstation')
    .option('--data <dir>', '同步服务的数据文件夹 / the hub data folder')
    .option('--postgres <url>', '同步服务使用的 PostgreSQL / the PostgreSQL the hub uses')
    .option('--admin', '配对为负责人工作站 / pair as an owner workstation')
    .action((options: { data?: string; postgres?: string; admin?: boolean }) =>
      pairCodeCommand(options, io),
    );
  return program;
};

/** Runs one command line (without "node" and the script) and returns the process exit code. */
export const runCli = async (args: readonly string[], io: CliIo): Promise<number> => {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, successfully; a bare `clinicdesk` has
      // already printed the help, which says all there is to say.
      if (error.exitCode === 0 || error.code === 'commander.help') return error.exitCode;
      io.stderr(
        `${bilingual({ zh: '命令行有误，运行 clinicdesk --help 查看用法', en: 'invalid command line, see clinicdesk --help' })}\n${error.message}\n`,
      );
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
};
