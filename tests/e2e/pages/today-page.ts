import { expect, type Page } from '@playwright/test';
import type { CalendarDate } from '../../../shared/clock/calendar-date';
import { generateClinic, type ClinicBatch } from '../../../shared/demo/generate-clinic';
import { VerificationPanelPage } from './verification-panel-page';

/** A generated patient, as the check-in specs need it (read from the store after seeding). */
export type SeededPatient = {
  id: string;
  name: string;
  idNumber: string;
  cardNumber: string;
};

type DevHook = {
  seed: (patients: number, endDate: string) => Promise<{ patients: number }>;
  db: {
    patients: {
      toArray(): Promise<(SeededPatient & { idType: string; scheme: string })[]>;
      get(id: string): Promise<Record<string, unknown>>;
      put(row: Record<string, unknown>): Promise<unknown>;
    };
    attachments: { put(row: Record<string, unknown>): Promise<unknown> };
  };
};

/**
 * Fills the store with generated patients (their history ending yesterday, so that today starts
 * empty) and returns insured resident-card holders with a card number on file.
 */
export const seedPatients = async (page: Page, count = 30): Promise<SeededPatient[]> =>
  page.evaluate(async (count) => {
    const dev = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    await dev.seed(count, yesterday);
    const all = await dev.db.patients.toArray();
    return all
      .filter((p) => p.idType === 'resident' && p.scheme !== 'self-pay' && !!p.cardNumber)
      .map(({ id, name, idNumber, cardNumber }) => ({ id, name, idNumber, cardNumber }));
  }, count);

type BulkHook = {
  db: Record<'patients' | 'visits', { bulkPut(rows: readonly object[]): Promise<unknown> }>;
};

/** The clinic's today as the page sees it (its clock may be set: fixtures.ts). */
export const pageToday = (page: Page): Promise<CalendarDate> =>
  page.evaluate(
    () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) as CalendarDate,
  );

/**
 * A clinic on its busiest day: `patients` generated patients, `visits` of whom checked in today
 * (in the clinic's time zone), written straight into the store as the dev seed does. Generated
 * here rather than in the page because the page's seed hook knows no busy day.
 */
export const seedBusyDay = async (
  page: Page,
  { patients, visits, seed = 'busy-day' }: { patients: number; visits: number; seed?: string },
) => {
  const date = await pageToday(page);
  const todays: { id: string; checkedInAt: string }[] = [];
  for (const batch of generateClinic({ seed, patients, endDate: date, busyDay: visits })) {
    await page.evaluate(async ({ patients, visits }: ClinicBatch) => {
      const { db } = (globalThis as unknown as { __clinicdeskDev: BulkHook }).__clinicdeskDev;
      await db.patients.bulkPut(patients);
      await db.visits.bulkPut(visits);
    }, batch);
    todays.push(...batch.visits.filter((v) => v.date === date));
  }
  /** Today's visit ids in check-in order. */
  const visitIds = todays
    .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt) || a.id.localeCompare(b.id))
    .map((visit) => visit.id);
  return { date, visitIds };
};

/** Changes a stored patient behind the UI, as another workstation's sync would. */
export const patchPatient = (page: Page, id: string, changes: Record<string, unknown>) =>
  page.evaluate(
    async ([id, changes]) => {
      const dev = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
      await dev.db.patients.put({ ...(await dev.db.patients.get(id)), ...changes });
    },
    [id, changes] as const,
  );

/** Gives a patient a photo (a drawn portrait), as registration with the webcam would. */
export const givePhoto = (page: Page, patientId: string) =>
  page.evaluate(async (patientId) => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 400;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#dbeafe';
    g.fillRect(0, 0, 300, 400);
    g.fillStyle = '#94a3b8';
    g.beginPath();
    g.arc(150, 150, 70, 0, Math.PI * 2);
    g.fill();
    g.fillRect(60, 250, 180, 150);
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b!), 'image/jpeg'),
    );
    const dev = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const at = new Date().toISOString();
    const provenance = {
      createdAt: at,
      createdBy: 'e2e',
      updatedAt: at,
      updatedBy: 'e2e',
      deviceId: 'e2e',
      hlc: at,
    };
    const photoId = `photo-${patientId}`;
    await dev.db.attachments.put({
      id: photoId,
      ownerId: patientId,
      kind: 'patient-photo',
      mime: 'image/jpeg',
      blob,
      ...provenance,
    });
    await dev.db.patients.put({ ...(await dev.db.patients.get(patientId)), photoId });
  }, patientId);

/** The Today screen: quick check-in, today's visits, and the daily review tab. */
export class TodayPage {
  readonly panel: VerificationPanelPage;

  constructor(readonly page: Page) {
    this.panel = new VerificationPanelPage(page);
  }

  async open() {
    await this.page.goto('/#/today');
    await expect(this.page.getByTestId('quick-check-in')).toBeVisible();
  }

  /**
   * Finds the patient by the tail of their ID number and picks them: the pick awaits a
   * confirmation. Returns once the dialog has finished opening (its button takes the focus then):
   * a click while it still zooms in can land on the mask behind it, which means "back".
   */
  async pick(patient: SeededPatient) {
    const box = this.page.getByTestId('quick-check-in').locator('input');
    await box.click();
    await box.fill(patient.idNumber.slice(-6).toLowerCase());
    await this.page
      .locator('.ant-select-item-option')
      .filter({ hasText: patient.name })
      .first()
      .click();
    await expect(this.confirmation()).toContainText(patient.name);
    await expect(this.page.getByTestId('check-in-confirm')).toBeFocused();
  }

  confirmation() {
    return this.page.getByTestId('check-in-patient');
  }

  /** Picks the patient, confirms, and waits for the panel. */
  async checkIn(patient: SeededPatient) {
    await this.pick(patient);
    await this.page.getByTestId('check-in-confirm').click();
    await this.panel.expectOpenFor(patient.name);
  }

  async cancelVisit(patient: Pick<SeededPatient, 'name'>, reason: string) {
    await this.row(patient).getByTestId('cancel-visit').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('cancel-visit-reason').fill(reason);
    await dialog.getByTestId('cancel-visit-confirm').click();
  }

  row(patient: Pick<SeededPatient, 'name'>) {
    return this.page.locator(`[data-testid="today-visit"][data-patient="${patient.name}"]`);
  }

  /** The visits' rows in the page: on a busy day only those in view and a few around them. */
  visitRows() {
    return this.page.getByTestId('today-visit');
  }

  visitRow(visitId: string) {
    return this.page.locator(`[data-testid="today-visit"][data-visit="${visitId}"]`);
  }

  /**
   * Scrolls the visits table (not the page) to its end. Again until it stays there: rows are
   * measured as they come into view, and the table grows or shrinks to fit them.
   */
  /**
   * Scrolls the virtual table to its end. Rows differ in height and the list measures them only
   * once drawn, so the end moves as the last rows come in: scroll until the end stays put.
   */
  async scrollVisitsToEnd() {
    const holder = this.page.locator('.ant-table-tbody-virtual-holder');
    let lastHeight = -1;
    await expect(async () => {
      const { atEnd, height } = await holder.evaluate(async (el) => {
        el.scrollTo({ top: el.scrollHeight });
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
        return {
          atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 1,
          height: el.scrollHeight,
        };
      });
      const steady = height === lastHeight;
      lastHeight = height;
      expect(atEnd && steady).toBe(true);
    }).toPass();
  }

  async openReview() {
    await this.page.getByRole('tab', { name: /每日复核/ }).click();
    await expect(this.page).toHaveURL(/#\/today\/review$/);
  }

  reviewItems() {
    return this.page.getByTestId('review-item');
  }
}
