import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { PaperSize } from '../../../../shared/bridge/platform-bridge';

/** A string as a CSS string literal: the running head comes from stored data. */
const cssString = (text: string) =>
  `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;

/** Paper, margins, the running head and "page x of y" in the page's margin boxes. */
export const pageRule = (paper: PaperSize, running: string) => `@page {
  size: ${paper};
  margin: 15mm 15mm 14mm;
  @top-right { content: ${cssString(running)}; font-size: 8pt; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt; color: #555; }
}`;

/**
 * What the printer gets: a copy of the document outside the app's layout, so no menu, header or
 * grey background reaches the paper. On screen it is hidden; in print everything else is.
 */
export const PrintSheet = ({
  paper,
  running,
  children,
}: {
  paper: PaperSize;
  /** Printed at the top of every page, so that a loose page still says whose notice it is. */
  running: string;
  children: ReactNode;
}) =>
  createPortal(
    <div className={`notice-print notice-paper-${paper.toLowerCase()}`} data-testid="notice-print">
      <style>{pageRule(paper, running)}</style>
      {children}
    </div>,
    document.body,
  );
