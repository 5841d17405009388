import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { RecoverPage, RecoveryCodePage } from './pages/recovery-page';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';
import { shoot } from './screenshots';

type AuditRow = { action: string; entity: string; entityId: string; actorId: string };
type DevHook = {
  __clinicdeskDev: {
    db: {
      auditEvents: { toArray(): Promise<AuditRow[]> };
      staff: {
        toCollection(): { modify(change: (row: Record<string, unknown>) => void): Promise<number> };
      };
    };
  };
};

/** Every audit event of this PC, read behind the UI. */
const auditEvents = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as DevHook).__clinicdeskDev.db.auditEvents.toArray());

/** A store made before recovery codes: the owner's row has none. */
const forgetRecoveryCodes = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as DevHook).__clinicdeskDev.db.staff.toCollection().modify((row) => {
      delete row.recoveryCode;
    }),
  );

const TEXT = {
  'zh-CN': {
    nothingElse: '没有恢复码，也没有备份密码，就什么都无法找回',
    wrongCode: '恢复码不正确。',
    recovered: '李娜 的密码已更新。请用新密码登录。',
    missing: '您还没有恢复码',
    diskEncryption: '请为这台电脑开启全盘加密',
  },
  en: {
    nothingElse: 'Without this code and without the backup passphrase, nothing can be recovered',
    wrongCode: 'Wrong recovery code.',
    recovered: "李娜's password is updated. Log in with the new one.",
    missing: 'You have no recovery code yet',
    diskEncryption: 'Turn on full-disk encryption on this PC',
  },
} as const;

const NEW_PASSWORD = 'Kangning#Desk27';

/**
 * The wizard is driven by its Chinese labels; for English, the steps are walked back to the first
 * one, where the language is chosen, and forward again by their buttons (the values stay).
 */
const setUpIn = async (page: Page, language: 'zh-CN' | 'en') => {
  const wizard = new SetupWizardPage(page);
  await wizard.open();
  await wizard.next();
  await wizard.fillClinic(DEMO_CLINIC);
  await wizard.next();
  await wizard.fillOwner(DEMO_CLINIC);
  await wizard.next();
  if (language === 'en') {
    for (let step = 0; step < 3; step++) await page.getByRole('button', { name: '上一步' }).click();
    await page.getByText('English', { exact: true }).click();
    for (let step = 0; step < 3; step++) await page.locator('button[type=submit]').click();
    await expect(page.getByText('Check the details below, then create the clinic.')).toBeVisible();
  }
  // The one notice that the store on this PC is not encrypted, with what to turn on.
  await expect(page.getByTestId('setup-disk-encryption')).toContainText(
    TEXT[language].diskEncryption,
  );
  await expect(page.getByTestId('setup-disk-encryption')).toContainText('BitLocker');
  await shoot(page, language, '118-setup-confirm-disk-encryption');
  await page.locator('button[type=submit]').click();
};

const logIn = async (page: Page, password: string) => {
  await page.locator('#login_password').fill(password);
  await page.locator('#login_password').press('Enter');
  await expect(page.getByTestId('signed-in-as')).toContainText(DEMO_CLINIC.ownerName);
};

const logOut = async (page: Page) => {
  await page.getByTestId('logout').click();
  await expect(page.locator('#login_username')).toBeVisible();
};

for (const language of ['zh-CN', 'en'] as const) {
  test(`a forgetful owner sets a new password with the recovery code shown at setup (${language})`, async ({
    page,
  }) => {
    test.slow(); // PBKDF2 for every code and password, the dictionary for every new password
    const words = TEXT[language];
    const shownCode = new RecoveryCodePage(page);
    const recover = new RecoverPage(page);

    // Setup ends on the code, shown once, with no way on until it is written down.
    await setUpIn(page, language);
    const setupCode = await shownCode.read();
    await expect(page.getByRole('strong').filter({ hasText: words.nothingElse })).toBeVisible();
    await shoot(page, language, '100-recovery-setup-code');
    await page.emulateMedia({ media: 'print' });
    await shoot(page, language, '101-recovery-printed');
    await page.emulateMedia({ media: 'screen' });
    await shownCode.confirm();
    await expect(page.getByTestId('signed-in-as')).toContainText(DEMO_CLINIC.ownerName);

    // The password is forgotten: a wrong code is refused under the code box.
    await logOut(page);
    await shoot(page, language, '102-login-forgot-link');
    await recover.open();
    await shoot(page, language, '103-recover-form');
    await recover.submit('ABCD-EFGH-JKMN-PQRS-TUVW', NEW_PASSWORD);
    await expect(recover.codeError()).toContainText(words.wrongCode);
    await shoot(page, language, '104-recover-wrong-code');

    // The right one, typed as a person might: lower case, spaces for dashes.
    await recover.submit(setupCode.toLowerCase().replaceAll('-', ' '), NEW_PASSWORD);
    const nextCode = await shownCode.read();
    expect(nextCode).not.toBe(setupCode);
    await shoot(page, language, '105-recover-new-code');
    await shownCode.confirm();

    // Back at the login screen, with the owner's name filled in: the new password works.
    await expect(page.getByTestId('login-recovered')).toHaveText(words.recovered);
    await expect(page.locator('#login_username')).toHaveValue(DEMO_CLINIC.username);
    await shoot(page, language, '106-login-after-recover');
    await logIn(page, NEW_PASSWORD);

    const events = await auditEvents(page);
    expect(events.filter((e) => e.action === 'recovery-failed')).toHaveLength(1);
    const recovered = events.filter((e) => e.action === 'password-recover');
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ entity: 'staff', actorId: recovered[0]!.entityId });
    const logged = JSON.stringify(events);
    for (const secret of [setupCode, nextCode, NEW_PASSWORD])
      expect(logged).not.toContain(secret.replaceAll('-', ''));

    // A store from before recovery codes: Settings warns the owner, who makes one there.
    await forgetRecoveryCodes(page);
    await page.goto('/#/settings');
    await expect(page.getByTestId('recovery-missing')).toContainText(words.missing);
    await page.getByTestId('recovery-card').scrollIntoViewIfNeeded();
    await shoot(page, language, '107-settings-no-recovery-code');
    await page.getByTestId('recovery-renew').click();
    await page.getByRole('dialog').locator('input[type=password]').fill(NEW_PASSWORD);
    await page.getByTestId('recovery-renew-submit').click();
    const madeInSettings = await shownCode.read();
    await shoot(page, language, '108-settings-new-recovery-code');
    await shownCode.confirm();
    await expect(page.getByTestId('recovery-missing')).toHaveCount(0);
    expect((await auditEvents(page)).filter((e) => e.action === 'recovery-code')).toHaveLength(1);

    // The code made in Settings is the one that works now.
    await logOut(page);
    await recover.open();
    await recover.submit(nextCode, 'Another#Pass88');
    await expect(recover.codeError()).toContainText(words.wrongCode);
    await recover.submit(madeInSettings, 'Another#Pass88');
    await shownCode.read();
  });
}
