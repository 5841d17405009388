import { mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  printPage,
  PdfSaveFailure,
  PrintFailure,
  savePageAsPdf,
  type PdfSaveDeps,
  type PrintableContents,
} from './print';

const PDF = new TextEncoder().encode('%PDF-1.7 notice');

const contents = (printAnswer: [boolean, string] = [true, '']) => ({
  print: vi.fn<PrintableContents['print']>((_options, callback) => callback(...printAnswer)),
  printToPDF: vi.fn<PrintableContents['printToPDF']>(async () => PDF),
});

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clinicdesk-print-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const saving = (answer: { canceled: boolean; filePath?: string }) => {
  const page = contents();
  const askWhere = vi.fn<PdfSaveDeps['askWhere']>(async () => answer);
  return {
    page,
    askWhere,
    deps: { contents: page, askWhere, startFolder: folder, writeFile, rename, unlink },
  };
};

describe('saving a notice as PDF on the desktop', () => {
  it('renders the page on the chosen paper and writes the PDF where the person chose', async () => {
    const target = join(folder, '王小明.pdf');
    const { deps, page, askWhere } = saving({ canceled: false, filePath: target });
    await expect(
      savePageAsPdf(deps, { pageSize: 'A5', fileName: '自费项目知情同意书.pdf' }),
    ).resolves.toEqual({ outcome: 'saved', path: target });
    expect(page.printToPDF).toHaveBeenCalledWith({
      pageSize: 'A5',
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(askWhere.mock.calls[0]?.[0]).toMatchObject({
      defaultPath: join(folder, '自费项目知情同意书.pdf'),
    });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 notice');
    expect(await readdir(folder)).toEqual(['王小明.pdf']);
  });

  it('adds .pdf when the name typed in the dialog has none', async () => {
    const { deps } = saving({ canceled: false, filePath: join(folder, 'notice') });
    const outcome = await savePageAsPdf(deps, { pageSize: 'A4', fileName: 'a.pdf' });
    expect(outcome).toEqual({ outcome: 'saved', path: join(folder, 'notice.pdf') });
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { deps } = saving({ canceled: true });
    await expect(savePageAsPdf(deps, { pageSize: 'A4', fileName: 'a.pdf' })).resolves.toEqual({
      outcome: 'cancelled',
    });
    expect(await readdir(folder)).toEqual([]);
  });

  it('leaves no file and asks nothing when the page cannot be rendered', async () => {
    const { deps, askWhere, page } = saving({ canceled: false, filePath: join(folder, 'a.pdf') });
    page.printToPDF.mockRejectedValueOnce(new Error('render failed'));
    await expect(savePageAsPdf(deps, { pageSize: 'A4', fileName: 'a.pdf' })).rejects.toThrow();
    expect(askWhere).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('a PDF that cannot be written', () => {
  it('leaves no half file, and says why without the path or the name in it', async () => {
    const target = join(folder, '自费项目知情同意书-张三丰.pdf');
    const { deps } = saving({ canceled: false, filePath: target });
    // The disk fills up after the first bytes: the partial file exists when the write fails.
    const full = async (path: string, data: Uint8Array) => {
      await writeFile(path, data.subarray(0, 4));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
        code: 'ENOSPC',
      });
    };
    const failure = await savePageAsPdf(
      { ...deps, writeFile: full },
      { pageSize: 'A4', fileName: 'a.pdf' },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PdfSaveFailure);
    expect((failure as Error).message).toBe('saving the PDF failed (ENOSPC)');
    expect(String((failure as Error).stack)).not.toContain('张三丰');
    expect(await readdir(folder)).toEqual([]);
  });

  it('says "unknown" for an error that carries no system code', async () => {
    const { deps } = saving({ canceled: false, filePath: join(folder, 'a.pdf') });
    const failure = await savePageAsPdf(
      { ...deps, rename: () => Promise.reject(new Error(`cannot rename ${folder}/a.pdf`)) },
      { pageSize: 'A4', fileName: 'a.pdf' },
    ).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('saving the PDF failed (unknown)');
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('printing a notice on paper', () => {
  it('opens the system print dialog on the chosen paper', async () => {
    const page = contents();
    await expect(printPage(page, { pageSize: 'A5' })).resolves.toEqual({ outcome: 'printed' });
    expect(page.print.mock.calls[0]?.[0]).toEqual({
      silent: false,
      printBackground: true,
      pageSize: 'A5',
    });
  });

  it('treats a closed dialog as a choice, not an error', async () => {
    await expect(
      printPage(contents([false, 'Print job canceled']), { pageSize: 'A4' }),
    ).resolves.toEqual({ outcome: 'cancelled' });
  });

  it('reports a printer failure', async () => {
    await expect(
      printPage(contents([false, 'Print job failed']), { pageSize: 'A4' }),
    ).rejects.toThrow(PrintFailure);
  });
});
