import { systemClock } from '../../shared/clock/clock';
import { promptPassphrase } from './passphrase';
import { runCli } from './program';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  clock: systemClock,
  elapsed: () => performance.now(),
  readPassphrase: promptPassphrase,
  waitForStop: () =>
    new Promise((resolve) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const)
        process.once(signal, () => resolve(signal));
    }),
});
