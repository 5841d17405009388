import { useRef, useState } from 'react';
import type { CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import {
  parseCatalogueTable,
  type CatalogueParse,
} from '../../../../shared/catalogue/catalogue-import';
import { useServices } from '../../app/services';
import { importsOfFile } from '../../db/catalogue';
import {
  CatalogueFileError,
  readCatalogueFile,
  type CatalogueFileProblem,
  type CatalogueTable,
} from './read-catalogue-file';

export type LoadedFile = {
  fileName: string;
  encoding: CatalogueTable['encoding'];
  fileHash: string;
  parse: CatalogueParse;
  /** Earlier imports of the very same file: a warning, not an error. */
  earlier: CatalogueVersion[];
};

export type FileState =
  | { status: 'empty' }
  | { status: 'reading'; fileName: string }
  | { status: 'failed'; fileName: string; reason: CatalogueFileProblem }
  | ({ status: 'loaded' } & LoadedFile);

/** The chosen file, read and checked in the page; only the last file chosen counts. */
export const useImportFile = () => {
  const { db } = useServices();
  const [state, setState] = useState<FileState>({ status: 'empty' });
  const latest = useRef(0);

  const choose = async (file: File) => {
    const ticket = ++latest.current;
    setState({ status: 'reading', fileName: file.name });
    try {
      const table = await readCatalogueFile(file.name, await file.arrayBuffer());
      const parse = parseCatalogueTable(table.rows, table);
      const earlier = await importsOfFile(db, table.fileHash);
      if (ticket !== latest.current) return;
      setState({
        status: 'loaded',
        fileName: file.name,
        encoding: table.encoding,
        fileHash: table.fileHash,
        parse,
        earlier,
      });
    } catch (error) {
      if (ticket !== latest.current) return;
      // Anything else is a bug, logged for us; the officer still gets a sentence, not a stack.
      if (!(error instanceof CatalogueFileError)) console.error(error);
      const reason = error instanceof CatalogueFileError ? error.reason : 'unreadable';
      setState({ status: 'failed', fileName: file.name, reason });
    }
  };

  const reset = () => {
    latest.current++;
    setState({ status: 'empty' });
  };

  return { state, choose, reset };
};
