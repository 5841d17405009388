import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { DemoConsentOptions } from '../../../renderer/src/dev/demo-consent';

export type DemoConsent = {
  consentId: string;
  visitId: string;
  patientName: string;
  clinicianName: string;
  selfPayTotal: string;
};

type DevHook = {
  signDemoConsent(options?: DemoConsentOptions): Promise<DemoConsent>;
  voidDemoConsent(consentId: string, reason: string): Promise<unknown>;
  db: {
    consents: {
      get(id: string): Promise<{ content: { lines: { selfPayFen: number }[] } }>;
      put(row: unknown): Promise<unknown>;
    };
  };
};

/** A signed notice made through the real repository functions (the dev hook of e2e builds). */
export const signDemoConsent = (page: Page, options: DemoConsentOptions = {}) =>
  page.evaluate(
    (options) =>
      (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev.signDemoConsent(
        options,
      ),
    options,
  );

/** Voids a notice through the real repository function, as the clinic owner. */
export const voidDemoConsent = (page: Page, consentId: string, reason: string) =>
  page.evaluate(
    ([id, reason]) =>
      (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev.voidDemoConsent(
        id,
        reason,
      ),
    [consentId, reason] as const,
  );

/** Changes one fen of a stored notice behind the app's back, as a tampered database would. */
export const tamperWithAmount = (page: Page, consentId: string) =>
  page.evaluate(async (id) => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const consent = await db.consents.get(id);
    consent.content.lines[0]!.selfPayFen -= 1;
    await db.consents.put(consent);
  }, consentId);

export type PdfCheck = { pages: number; text: string; pngs: string[] };

/** A blank page at 80 dpi compresses to a few kilobytes; a page of printed text does not. */
export const looksPrinted = (png: string) => statSync(png).size > 15_000;

/** The notice page, /consents/:id: the document, its warnings and printing. */
export class ConsentPage {
  constructor(readonly page: Page) {}

  async open(consentId: string) {
    await this.page.goto(`/#/consents/${consentId}`);
    await expect(this.document()).toBeVisible();
  }

  /** The on-screen copy (the printed copy is a hidden twin outside the app's layout). */
  document() {
    return this.page.getByTestId('notice-screen').locator('.notice-document');
  }

  tamperWarning() {
    return this.page.getByTestId('notice-tampered');
  }

  voidedBanner() {
    return this.page.getByTestId('notice-voided');
  }

  async choosePaper(size: 'A4' | 'A5') {
    await this.page.getByTestId('notice-paper').getByText(size, { exact: true }).click();
  }

  /**
   * What the print dialog would produce: the page as print media, saved as a PDF, then read back
   * with poppler (text, page count) and rendered to PNGs for people to look at.
   */
  async printToPdf(size: 'A4' | 'A5', name: string): Promise<PdfCheck> {
    await this.choosePaper(size);
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.emulateMedia({ media: 'print' });
    const dir = 'tests/e2e/screenshots/print';
    mkdirSync(dir, { recursive: true });
    const pdfPath = `${dir}/${name}.pdf`;
    writeFileSync(
      pdfPath,
      await this.page.pdf({ format: size, preferCSSPageSize: true, printBackground: true }),
    );
    await this.page.emulateMedia({ media: 'screen' });
    const pngsOf = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
        .map((f) => `${dir}/${f}`);
    for (const stale of pngsOf()) rmSync(stale);
    execFileSync('pdftoppm', ['-png', '-r', '80', pdfPath, `${dir}/${name}`]);
    const info = execFileSync('pdfinfo', [pdfPath]).toString();
    return {
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0),
      text: execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString(),
      pngs: pngsOf(),
    };
  }
}
