import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';
import { ShellPage } from './shell-page';
import { setUpClinic } from '../fixtures';
import { StaffPage } from './staff-page';
import { seedPatients, TodayPage, type SeededPatient } from './today-page';

export const CLINICIAN = {
  displayName: '王建国',
  username: 'wangjg',
  role: '医生',
  password: 'Doctor#2026',
  ownPassword: 'Wang#Chair2026',
};

type CatalogueRow = {
  code: string;
  name: string;
  category: string;
  unit: string;
  priceFen: number;
  coverage: string;
  selfPayRatioBp: number;
  /** Pinyin as staff type it: full, then initials (the import computes these). */
  pinyin: [string, string];
};

/** A dental clinic's catalogue lines, one of each class (as renderer/src/db/testing/consents.ts). */
export const DENTAL_CATALOGUE: CatalogueRow[] = [
  {
    code: '310511001',
    name: '龋齿充填术',
    category: 'procedure',
    unit: '牙',
    priceFen: 8_000,
    coverage: 'class-a',
    selfPayRatioBp: 0,
    pinyin: ['quchichongtianshu', 'qccts'],
  },
  {
    code: '310513003',
    name: '根管治疗术',
    category: 'procedure',
    unit: '根管',
    priceFen: 24_050,
    coverage: 'class-b',
    selfPayRatioBp: 1_000,
    pinyin: ['genguanzhiliaoshu', 'ggzls'],
  },
  {
    code: 'ZF-IMPLANT',
    name: '种植体植入',
    category: 'material',
    unit: '颗',
    priceFen: 680_000,
    coverage: 'self-pay',
    selfPayRatioBp: 10_000,
    pinyin: ['zhongzhitizhiru', 'zztzr'],
  },
];

/**
 * Puts a catalogue version in force since 2020 straight into the store, as an import would leave
 * it: importing has its own spec.
 */
export const seedCatalogue = (page: Page, rows: CatalogueRow[] = DENTAL_CATALOGUE) =>
  page.evaluate(async (rows) => {
    type Table = {
      put(row: unknown): Promise<unknown>;
      bulkPut(rows: unknown[]): Promise<unknown>;
    };
    const dev = (globalThis as unknown as { __clinicdeskDev: { db: Record<string, Table> } })
      .__clinicdeskDev;
    const at = new Date().toISOString();
    const provenance = {
      createdAt: at,
      createdBy: 'e2e',
      updatedAt: at,
      updatedBy: 'e2e',
      deviceId: 'e2e',
      hlc: at,
    };
    await dev.db.catalogueVersions!.put({
      id: 'cat-e2e',
      effectiveFrom: '2020-01-01',
      fileName: 'catalogue.csv',
      itemCount: rows.length,
      fileHash: '0'.repeat(64),
      ...provenance,
    });
    await dev.db.catalogueItems!.bulkPut(
      rows.map(({ pinyin, ...row }) => ({
        ...row,
        id: `cat-e2e:${row.code}`,
        versionId: 'cat-e2e',
        searchKeys: [row.code.toLowerCase(), row.name, row.name.slice(1), ...pinyin],
      })),
    );
  }, rows);

/** Adults only: a child's notice starts with the guardian, which is its own test. */
export const adults = (patients: SeededPatient[]) =>
  patients.filter((p) => Number(p.idNumber.slice(6, 10)) < 2000);

export const FRONT_DESK = {
  displayName: '赵小梅',
  username: 'zhaoxm',
  role: '前台',
  password: 'Front#2026',
  ownPassword: 'Zhao#Desk2026',
};

type NewPerson = typeof CLINICIAN;

/** The owner (logged in) adds a person, who then logs in and chooses their own password. */
export const logInAsNew = async (page: Page, person: NewPerson) => {
  await new StaffPage(page).open();
  await new StaffPage(page).add(person);
  await new ShellPage(page).logout();
  await new LoginPage(page).attempt(person.username, person.password);
  await page.getByLabel('新密码').fill(person.ownPassword);
  await page.getByLabel('再次输入密码').fill(person.ownPassword);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(person.displayName);
};

export const logInAsNewClinician = (page: Page) => logInAsNew(page, CLINICIAN);

export type PlanLine = {
  quantity?: number;
  /** As the dentist types the FDI positions: "36 46". */
  teeth?: string;
  reason?: string;
  /** The alternatives offered, or 'none' for an explicit "无可替代方案". */
  alternatives?: string | 'none';
};

/** The clinician's plan page at the chair and the signing drawer on top of it. */
export class ConsentChairPage {
  constructor(readonly page: Page) {}

  async expectOpenFor(name: string) {
    await expect(this.page.getByTestId('plan-patient')).toContainText(name);
  }

  /** From the keyboard: type, the first match is active, Enter opens it for the plan. */
  async search(query: string, name: string, { down = 0 } = {}) {
    const box = this.page.getByTestId('catalogue-search').locator('input');
    await box.click();
    await box.fill(query);
    await expect(this.page.getByTestId('catalogue-option').nth(down)).toContainText(name);
    for (let i = 0; i < down; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
    await expect(this.dialog().getByTestId('line-name')).toHaveText(name);
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  async fillLine(line: PlanLine) {
    const dialog = this.dialog();
    if (line.quantity !== undefined)
      await dialog.getByTestId('line-quantity').fill(String(line.quantity));
    if (line.teeth !== undefined) await dialog.getByTestId('line-teeth').fill(line.teeth);
    if (line.reason !== undefined) await dialog.getByTestId('line-reason').fill(line.reason);
    if (line.alternatives === 'none') await this.choose('line-alternatives', 'none');
    else if (line.alternatives !== undefined) {
      await this.choose('line-alternatives', 'offered');
      await dialog.getByTestId('line-alternatives-text').fill(line.alternatives);
    }
  }

  /** Picks a radio by its value, in either language. */
  async choose(group: string, value: string) {
    await this.page
      .getByTestId(group)
      .locator('label')
      .filter({ has: this.page.locator(`input[value="${value}"]`) })
      .click();
  }

  /** The clinician hands over for a refusal that a member of staff witnesses. */
  async witnessedRefusal(witness: string) {
    await this.page.getByTestId('change-signer').click();
    await this.choose('signer-decision', 'refused');
    await this.choose('signer-kind', 'witness');
    await this.page.getByTestId('witness-name').fill(witness);
    await this.page.getByTestId('signer-next').click();
    await expect(this.page.getByTestId('signer-line')).toContainText(witness);
  }

  async add(query: string, name: string, line: PlanLine) {
    await this.search(query, name);
    await this.fillLine(line);
    await this.dialog().getByTestId('plan-line-submit').click();
    await expect(this.line(name)).toBeVisible();
  }

  line(name: string): Locator {
    return this.page.locator(`[data-testid="plan-line"][data-item="${name}"]`);
  }

  failure() {
    return this.page.getByTestId('plan-failure');
  }

  drawer() {
    return this.page.getByTestId('signing-drawer');
  }

  async prepare() {
    await this.page.getByTestId('prepare-notice').click();
    await expect(this.drawer().getByTestId('signing-summary')).toBeVisible();
  }

  /** A name written across the box: several strokes with the mouse, as a pen would. */
  async sign(pad: 'signer' | 'clinician') {
    // Hovering waits until the box stands still: the drawer may still be sliding in.
    await this.page.getByTestId(`pad-${pad}`).hover();
    const box = (await this.page.getByTestId(`pad-${pad}`).boundingBox())!;
    const { mouse } = this.page;
    const strokes = [
      [0.1, 0.6, 0.3, 0.3, 0.35, 0.7],
      [0.4, 0.4, 0.55, 0.45, 0.5, 0.75],
      [0.6, 0.3, 0.75, 0.7, 0.85, 0.35],
    ];
    for (const s of strokes) {
      await mouse.move(box.x + s[0]! * box.width, box.y + s[1]! * box.height);
      await mouse.down();
      for (let i = 2; i < s.length; i += 2)
        await mouse.move(box.x + s[i]! * box.width, box.y + s[i + 1]! * box.height, { steps: 8 });
      await mouse.up();
    }
  }

  /** A dot: what a hurried tap leaves. */
  async dot(pad: 'signer' | 'clinician') {
    await this.page.getByTestId(`pad-${pad}`).hover();
    const box = (await this.page.getByTestId(`pad-${pad}`).boundingBox())!;
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  padError(pad: 'signer' | 'clinician') {
    return this.page.getByTestId(`pad-${pad}-error`);
  }

  async confirm() {
    await this.page.getByTestId('sign-confirm').click();
  }

  async signedAndClosed() {
    await expect(this.page.getByTestId('sign-done')).toBeVisible();
    await this.page.getByTestId('sign-close').click();
    await expect(this.drawer()).toHaveCount(0);
  }

  notice(version: number) {
    return this.page.locator(`[data-testid="visit-notice"][data-version="${version}"]`);
  }

  async voidNotice(version: number, reason: string) {
    await this.notice(version).getByTestId('notice-void').click();
    await this.dialog().getByTestId('void-reason').fill(reason);
    await this.dialog().getByTestId('void-confirm').click();
    await expect(this.notice(version)).toHaveAttribute('data-state', 'voided');
  }
}

/** The owner checks the patients in at the desk; a clinician takes over at the chair. */
export const morningAtTheDesk = async (page: Page, count: number) => {
  await setUpClinic(page);
  await seedCatalogue(page);
  const patients = adults(await seedPatients(page)).slice(0, count);
  if (patients.length < count) throw new Error('seed gave too few adult patients');
  const today = new TodayPage(page);
  await today.open();
  for (const patient of patients) {
    await today.checkIn(patient);
    await page.keyboard.press('Escape');
    await today.panel.expectClosed();
  }
  await logInAsNewClinician(page);
  await openToday(page);
  return { today, patients };
};

/** A clinician's Today: the visits, no check-in box. */
export const openToday = async (page: Page) => {
  await page.goto('/#/today');
  await expect(page.getByTestId('plan-visit').first()).toBeVisible();
};

export const openPlan = async (page: Page, today: TodayPage, patient: SeededPatient) => {
  await today.row(patient).getByTestId('plan-visit').click();
  const chair = new ConsentChairPage(page);
  await chair.expectOpenFor(patient.name);
  return chair;
};
