import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from './cli-message';

/** The passphrase in a file: the whole first line, without its line ending. */
export const readPassphraseFile = async (path: string): Promise<string> => {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CliError({ zh: '无法读取密码文件', en: 'cannot read the passphrase file' }, 2);
  });
  const passphrase = text.split(/\r?\n/)[0] ?? '';
  if (!passphrase)
    throw new CliError({ zh: '密码文件是空的', en: 'the passphrase file is empty' }, 2);
  return passphrase;
};

/** Asks on the terminal; typed characters are not echoed. Reads a line from a pipe as is. */
export const promptPassphrase = (prompt: string): Promise<string> =>
  new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text: string) => {
      // show the prompt, hide what is typed
      if (text.includes(prompt)) write.call(rl, text);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
