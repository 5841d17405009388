import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { LoginPage } from './pages/login-page';
import { PasswordPage } from './pages/password-page';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';
import { ShellPage } from './pages/shell-page';
import { StaffPage } from './pages/staff-page';
import { shoot } from './screenshots';

const person = { displayName: '王芳', username: 'wangfang', role: '前台', password: 'Front#Desk1' };

/** The owner's clinic with a front-desk account that has not logged in yet. */
const clinicWithFrontDesk = async (page: Page) => {
  await setUpClinic(page);
  const staff = new StaffPage(page);
  await staff.open();
  await staff.add(person);
  return staff;
};

const COMMON = '密码不符合要求：这是常见密码（或只是常见密码稍加改动），请换一个。';

test('the setup wizard refuses a weak owner password and names the rule it breaks', async ({
  page,
}) => {
  test.slow(); // the dictionary is loaded and consulted for every password tried
  const wizard = new SetupWizardPage(page);
  const passwords = new PasswordPage(page);
  await wizard.open();
  await wizard.next();
  await wizard.fillClinic(DEMO_CLINIC);
  await wizard.next();

  await wizard.fillOwner({ ...DEMO_CLINIC, password: 'Password123' });
  await wizard.next();
  await passwords.expectFieldError('密码', COMMON);
  await shoot(page, 'zh-CN', 'setup-weak-password');

  await wizard.fillOwner({ ...DEMO_CLINIC, password: 'aaaaaaaaaaaaaa' });
  await wizard.next();
  await passwords.expectFieldError('密码', '密码不符合要求：不能是重复的字符（如 aaaa、1111）。');
  await wizard.fillOwner({ ...DEMO_CLINIC, password: 'Lina#2026lina' });
  await wizard.next();
  await passwords.expectFieldError('密码', '密码不符合要求：不能包含用户名。');

  await wizard.fillOwner(DEMO_CLINIC);
  await wizard.next();
  await wizard.create();
  await expect(page.getByTestId('signed-in-as')).toContainText(DEMO_CLINIC.ownerName);
});

test('changing my own password in Settings: the old one is then refused and the new one works', async ({
  page,
}) => {
  test.slow(); // five PBKDF2 checks and two logins on a 2-core machine
  const owner = await setUpClinic(page);
  const passwords = new PasswordPage(page);
  const login = new LoginPage(page);

  await passwords.changeInSettings('not-my-password', 'Kangning#Desk27');
  await passwords.expectFieldError('当前密码', '密码不正确。');
  await shoot(page, 'zh-CN', 'settings-wrong-current-password');

  await passwords.changeInSettings(owner.password, owner.password);
  await passwords.expectFieldError(
    '新密码',
    '新密码不能与当前密码（或负责人给您的临时密码）相同，请换一个只有您知道的密码。',
  );

  await passwords.changeInSettings(owner.password, 'Kangning#Desk27');
  await expect(page.getByText('密码已更新。')).toBeVisible();

  await new ShellPage(page).logout();
  await login.attempt(owner.username, owner.password);
  await expect(login.failure()).toHaveText('用户名或密码不正确。');
  await login.login(owner.username, 'Kangning#Desk27', owner.ownerName);

  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rowsWithAction('password-change')).toHaveCount(1);
  await expect(audit.rowsWithAction('login-failed')).toHaveCount(2);
});

test('first login of a new account: says why, refuses the temporary password, and offers to log out', async ({
  page,
}) => {
  test.slow(); // three PBKDF2 hashes and two logins on a 2-core machine
  await clinicWithFrontDesk(page);
  const login = new LoginPage(page);
  const passwords = new PasswordPage(page);
  await new ShellPage(page).logout();

  await login.attempt(person.username, person.password);
  await expect(passwords.forcedScreen()).toBeVisible();
  await expect(page.getByTestId('must-change-body')).toHaveText(
    '王芳，欢迎使用。您刚才用的是负责人为您设的临时密码，继续使用前请设置一个只有您自己知道的新密码。',
  );
  await passwords.chooseFirst(person.password);
  await passwords.expectFieldError(
    '新密码',
    '新密码不能与当前密码（或负责人给您的临时密码）相同，请换一个只有您知道的密码。',
  );
  await passwords.chooseFirst('wangfang#2026');
  await passwords.expectFieldError('新密码', '密码不符合要求：不能包含用户名。');
  await shoot(page, 'zh-CN', 'first-login-password');

  await page.getByTestId('must-change-logout').click();
  await login.expectShown();
});

test('first login after the owner reset a password says so, in English too', async ({ page }) => {
  test.slow(); // four PBKDF2 hashes and three logins on a 2-core machine
  const staff = await clinicWithFrontDesk(page);
  const passwords = new PasswordPage(page);
  await staff.resetPassword(person.username, 'Temp#Reset2026');
  await new ShellPage(page).logout();

  // In English this time: the same screen, in the reader's language.
  await page.getByText('English', { exact: true }).click();
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel('Password').fill('Temp#Reset2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('must-change-body')).toHaveText(
    '王芳, the owner reset your password and you logged in with the temporary one. Before you go on, choose a new one that only you know.',
  );
  await page.getByLabel('New password', { exact: true }).fill('Password123');
  await page.getByLabel('Repeat the password', { exact: true }).fill('Password123');
  await page.getByRole('button', { name: 'Save' }).click();
  await passwords.expectFieldError(
    'New password',
    'This password is not allowed: This is a common password (or one slightly changed); choose another.',
  );
  await shoot(page, 'en', 'password-after-reset');
  await page.getByLabel('New password', { exact: true }).fill('Wang#Fang2026');
  await page.getByLabel('Repeat the password', { exact: true }).fill('Wang#Fang2026');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('王芳');
});
