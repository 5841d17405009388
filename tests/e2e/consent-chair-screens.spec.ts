import { expect } from '@playwright/test';
import { test } from './fixtures';
import { morningAtTheDesk, openPlan } from './pages/consent-chair-page';
import { shoot } from './screenshots';

/**
 * The chair's screens in both languages, saved for people to look at (tests/e2e/screenshots/)
 * and checked for untranslated keys. The notice itself stays Chinese in both: it is a Chinese
 * medical document whatever language the screen is in.
 */
for (const language of ['zh-CN', 'en'] as const) {
  test(`the plan and signing screens render translated in ${language}`, async ({ page }) => {
    test.slow(); // two logins with PBKDF2, a plan, a signing and a refusal
    const { today, patients } = await morningAtTheDesk(page, 2);
    const [patient, refuser] = patients;
    if (!patient || !refuser) throw new Error('seed gave too few patients');
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    const en = language === 'en';

    const chair = await openPlan(page, today, patient);
    await chair.search('ggzl', '根管治疗术');
    await chair.fillLine({ quantity: 2 });
    await chair.dialog().getByTestId('plan-line-submit').click();
    await expect(chair.dialog().locator('.ant-form-item-explain-error').first()).toBeVisible();
    await shoot(page, language, '70-plan-line-required');
    await chair.fillLine({
      reason: en ? 'Periapical infection, root canal needed' : '患牙根尖周炎，需根管治疗',
      alternatives: en ? 'Extraction (class A)' : '拔除患牙（医保甲类）',
    });
    await chair.dialog().getByTestId('plan-line-submit').click();
    await expect(chair.line('根管治疗术')).toBeVisible();
    await chair.add('zztzr', '种植体植入', {
      teeth: '36',
      reason: en ? 'Missing tooth; the patient wants an implant' : '缺牙修复，患者要求种植',
      alternatives: 'none',
    });
    await chair.add('qccts', '龋齿充填术', {});
    await expect(chair.line('种植体植入').getByTestId('line-perform')).toBeDisabled();
    await expect(chair.line('种植体植入').getByTestId('line-blocked')).toBeVisible();
    await shoot(page, language, '71-plan-refused-unsigned');

    await chair.prepare();
    await shoot(page, language, '72-signing-empty');
    await chair.dot('signer');
    await chair.sign('clinician');
    await chair.confirm();
    await expect(chair.padError('signer')).toBeVisible();
    await shoot(page, language, '73-signing-too-short');
    await page.getByTestId('pad-signer-clear').click();
    await chair.sign('signer');
    await shoot(page, language, '74-signing-signed-pads');
    await chair.confirm();
    await expect(page.getByTestId('sign-done')).toBeVisible();
    await shoot(page, language, '75-signed');
    await chair.signedAndClosed();
    await chair.line('种植体植入').getByTestId('line-perform').click();
    await expect(chair.line('种植体植入').getByTestId('line-status')).toHaveCount(1);
    await shoot(page, language, '76-plan-signed');
    await chair.notice(1).getByTestId('notice-void').click();
    // Focused once the dialog has finished opening: not caught mid-animation.
    await expect(chair.dialog().getByTestId('void-reason')).toBeFocused();
    await shoot(page, language, '77-void-dialog');
    await page.keyboard.press('Escape');

    await page.goto('/#/today');
    const refusal = await openPlan(page, today, refuser);
    await refusal.add('zztzr', '种植体植入', {
      reason: en ? 'Missing tooth' : '缺牙修复',
      alternatives: en ? 'Removable denture (class B)' : '活动义齿（医保乙类）',
    });
    await refusal.prepare();
    await page.getByTestId('change-signer').click();
    await refusal.choose('signer-decision', 'refused');
    await refusal.choose('signer-kind', 'witness');
    await shoot(page, language, '78-refusal-who');
    await page.getByTestId('witness-name').fill(en ? 'Nurse Liu' : '刘护士');
    await page.getByTestId('signer-next').click();
    await refusal.sign('signer');
    await refusal.sign('clinician');
    await shoot(page, language, '79-refusal-signing');
    await refusal.confirm();
    await refusal.signedAndClosed();
    await shoot(page, language, '80-plan-refused');
  });
}
