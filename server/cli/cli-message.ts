/** Every CLI message in Simplified Chinese first, then English (PRODUCT.md §7.6). */
export type CliMessage = { zh: string; en: string };

export const bilingual = (message: CliMessage): string => `${message.zh} / ${message.en}`;

/** A failure the user can fix; `exitCode` 2 for a wrong command line, 1 for everything else. */
export class CliError extends Error {
  constructor(
    readonly cliMessage: CliMessage,
    readonly exitCode: 1 | 2,
  ) {
    super(bilingual(cliMessage));
    this.name = 'CliError';
  }
}
