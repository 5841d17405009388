import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { logInAsNew } from './pages/consent-chair-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { StaffPage } from './pages/staff-page';
import { seedPatients, TodayPage } from './pages/today-page';
import { shoot } from './screenshots';

const DESK = {
  displayName: '王芳',
  username: 'wangfang',
  role: '前台',
  password: 'Front#Desk1',
  ownPassword: 'Wang#Fang2026',
};

type StaffHook = {
  db: { staff: { where(i: string): { equals(v: string): { first(): Promise<unknown> } } } };
};

/** What the store holds for a person, read behind the UI. */
const storedRoles = (page: import('@playwright/test').Page, username: string) =>
  page.evaluate(async (username) => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: StaffHook }).__clinicdeskDev;
    const row = (await db.staff.where('username').equals(username).first()) as { roles?: string[] };
    return row?.roles;
  }, username);

test('the owner gives the front desk the pharmacist role too: they can then do the dispensing check, recorded as pharmacist', async ({
  page,
}) => {
  test.slow(); // four logins with PBKDF2, a check-in
  const owner = await setUpClinic(page);
  const [patient] = await seedPatients(page);
  if (!patient) throw new Error('seed gave no patient');
  const today = new TodayPage(page);
  const staff = new StaffPage(page);
  const shell = new ShellPage(page);
  const login = new LoginPage(page);

  // The owner checks the patient in, so there is a visit to dispense for.
  await today.open();
  await today.checkIn(patient);
  await today.panel.swipeDocument(patient.idNumber);
  await today.panel.swipeCard(patient.cardNumber);
  await today.panel.confirmPerson();
  await today.panel.verifyButton().click();
  await today.panel.expectClosed();

  // The front desk alone may not confirm at dispensing.
  await logInAsNew(page, DESK);
  await expect(page.getByTestId('signed-in-as')).toHaveText('王芳（前台）');
  await today.open();
  await expect(today.row(patient)).toBeVisible();
  await expect(today.row(patient).getByTestId('reconfirm-pharmacist')).toHaveCount(0);

  // The owner ticks 药师 beside 前台.
  await shell.logout();
  await login.login(owner.username, owner.password, owner.ownerName);
  await staff.open();
  await staff.edit(DESK.username);
  await staff.tickRoles(['前台', '药师']);
  await shoot(page, 'zh-CN', '90-staff-edit-roles');
  await staff.saveEdit();
  await expect(staff.roleTags(DESK.username)).toHaveText(['前台', '药师']);
  expect(await storedRoles(page, DESK.username)).toEqual(['front-desk', 'pharmacist']);
  await shoot(page, 'zh-CN', '91-staff-list-roles');

  // Taking every role away is refused in the form, and nothing is saved.
  await staff.edit(DESK.username);
  await staff.tickRoles([]);
  await page.getByRole('dialog').getByTestId('staff-edit-submit').click();
  await expect(page.getByRole('dialog')).toContainText('请至少选择一个角色');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(await storedRoles(page, DESK.username)).toEqual(['front-desk', 'pharmacist']);

  // Now the same person confirms at dispensing, and still not the clinician's check.
  await shell.logout();
  await login.login(DESK.username, DESK.ownPassword, DESK.displayName);
  await expect(page.getByTestId('signed-in-as')).toHaveText('王芳（前台、药师）');
  await today.open();
  await expect(today.row(patient).getByTestId('reconfirm-clinician')).toHaveCount(0);
  await today.row(patient).getByTestId('reconfirm-pharmacist').click();
  await expect(page.getByTestId('reconfirm-note')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(today.row(patient).getByTestId('pharmacist-done')).toContainText('王芳');
  await shoot(page, 'zh-CN', '92-today-dispensing-by-desk');

  // The audit log says in which role the check was done.
  await shell.logout();
  await login.login(owner.username, owner.password, owner.ownerName);
  const audit = new AuditPage(page);
  await audit.open();
  // The check itself, not the login: that one names a role no act needed.
  const check = audit.rows().filter({ hasText: '身份核验' }).filter({ hasText: '王芳（' });
  await expect(check).toHaveCount(1);
  await expect(check).toContainText('王芳（药师）');
  await shoot(page, 'zh-CN', '93-audit-role-used');
});
