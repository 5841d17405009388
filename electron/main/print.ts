import { join } from 'node:path';
import type { PdfRequest, PrintOutcome, PrintRequest } from '../../shared/bridge/platform-bridge';

/** The part of `webContents` printing needs. */
export type PrintableContents = {
  print(
    options: { silent: false; printBackground: true; pageSize: PrintRequest['pageSize'] },
    callback: (success: boolean, failureReason: string) => void,
  ): void;
  printToPDF(options: {
    pageSize: PdfRequest['pageSize'];
    printBackground: true;
    preferCSSPageSize: true;
  }): Promise<Uint8Array>;
};

export type PdfSaveDeps = {
  contents: PrintableContents;
  /** `dialog.showSaveDialog` for the window. */
  askWhere(options: {
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the save dialog starts: the user's Documents folder. */
  startFolder: string;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
};

/** Electron reports a cancelled print dialog as a failure with this reason. */
const CANCELLED = /cancel/i;

export class PrintFailure extends Error {
  constructor(reason: string) {
    // The reason is Electron's own short text ("Print job failed"), never page content.
    super(`printing failed: ${reason}`);
    this.name = 'PrintFailure';
  }
}

/**
 * Writing the PDF failed (disk full, no permission). Its text is fixed, with the system's error
 * code only: the path holds the file name, which may name a patient, and Electron logs what an
 * IPC handler throws.
 */
export class PdfSaveFailure extends Error {
  constructor(readonly code: string) {
    super(`saving the PDF failed (${code})`);
    this.name = 'PdfSaveFailure';
  }
}

const errorCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]{2,16}$/.test(code) ? code : 'unknown';
};

/** The system print dialog for the page, on the paper the person chose. */
export const printPage = (contents: PrintableContents, request: PrintRequest) =>
  new Promise<PrintOutcome>((resolve, reject) =>
    contents.print(
      { silent: false, printBackground: true, pageSize: request.pageSize },
      (success, failureReason) => {
        if (success) resolve({ outcome: 'printed' });
        else if (CANCELLED.test(failureReason)) resolve({ outcome: 'cancelled' });
        else reject(new PrintFailure(failureReason));
      },
    ),
  );

/**
 * Renders the page to PDF first (so a failure leaves no file), asks where to save it, and writes it
 * beside the target before renaming it into place: an interrupted write never leaves half a PDF
 * under the name the person chose.
 */
export const savePageAsPdf = async (
  deps: PdfSaveDeps,
  request: PdfRequest,
): Promise<PrintOutcome> => {
  const pdf = await deps.contents.printToPDF({
    pageSize: request.pageSize,
    printBackground: true,
    preferCSSPageSize: true,
  });
  const answer = await deps.askWhere({
    defaultPath: join(deps.startFolder, request.fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (answer.canceled || !answer.filePath) return { outcome: 'cancelled' };
  const path = /\.pdf$/i.test(answer.filePath) ? answer.filePath : `${answer.filePath}.pdf`;
  const partial = `${path}.part`;
  try {
    await deps.writeFile(partial, pdf);
    await deps.rename(partial, path);
  } catch (error) {
    // Half a file is no notice: it goes, and what is said of the failure names no path.
    await deps.unlink(partial).catch(() => undefined);
    throw new PdfSaveFailure(errorCode(error));
  }
  return { outcome: 'saved', path };
};
