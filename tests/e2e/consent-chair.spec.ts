import { expect } from '@playwright/test';
import { test } from './fixtures';
import {
  FRONT_DESK,
  logInAsNew,
  morningAtTheDesk,
  openPlan,
  openToday,
} from './pages/consent-chair-page';
import { LoginPage } from './pages/login-page';
import { DEMO_CLINIC } from './pages/setup-wizard-page';
import { ShellPage } from './pages/shell-page';
import { patchPatient, type SeededPatient } from './pages/today-page';

test('a dentist plans self-pay items, is stopped from performing them unsigned, has the notice signed at the chair, then voids and corrects it', async ({
  page,
}) => {
  test.slow(); // two logins with PBKDF2, a whole chair session, two signings
  const { today, patients } = await morningAtTheDesk(page, 1);
  const patient = patients[0]!;
  const started = Date.now();
  const chair = await openPlan(page, today, patient);

  // A 乙类 item by pinyin initials, from the keyboard: its amounts follow the quantity.
  await chair.search('ggzl', '根管治疗术');
  await chair.fillLine({ quantity: 2 });
  await expect(chair.dialog().getByTestId('line-self-pay')).toHaveText('患者自付 ¥48.10');
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(chair.dialog().getByText('请填写此项。')).toBeVisible();
  await expect(
    chair.dialog().getByText('请选择“已告知替代方案”并写明，或明确选择“无可替代方案”。'),
  ).toBeVisible();
  await chair.fillLine({
    reason: '患牙根尖周炎，需根管治疗',
    alternatives: '拔除患牙（医保甲类）',
  });
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(chair.line('根管治疗术')).toHaveAttribute('data-consent', 'awaiting');
  // The implant, for the lower left first molar: a tooth that is not one is refused by name.
  await chair.search('种植', '种植体植入');
  await chair.fillLine({ teeth: '36 39', reason: '缺牙修复，患者要求种植', alternatives: 'none' });
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(chair.dialog()).toContainText('“39”不是有效的牙位');
  await chair.fillLine({ teeth: '36' });
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(chair.line('种植体植入').getByTestId('line-teeth-shown')).toHaveText('牙位 36');

  await expect(chair.line('根管治疗术').getByTestId('line-self-pay')).toHaveText('48.10');
  await expect(chair.line('种植体植入').getByTestId('line-self-pay')).toHaveText('6800.00');
  await expect(chair.line('种植体植入')).toContainText('替代方案：无可替代方案');
  await expect(page.getByTestId('total-price')).toHaveText('总价 7281.00');
  await expect(page.getByTestId('total-self-pay')).toHaveText('6848.10');

  // Enforcement: no signature, no treatment; the line says so, and what to do, before a click.
  const implant = chair.line('种植体植入');
  await expect(implant.getByTestId('line-perform')).toBeDisabled();
  await expect(implant.getByTestId('line-blocked')).toHaveText(
    '患者尚未签署自费告知书：请先点“生成自费告知书”，由患者签字后再执行或收费。',
  );
  await expect(chair.line('龋齿充填术').getByTestId('line-blocked')).toHaveCount(0);

  // The notice: a dot is not a signature.
  await chair.prepare();
  await expect(chair.drawer().getByTestId('signing-version')).toHaveText('第 1 版');
  await expect(chair.drawer().getByTestId('signing-summary')).toHaveText(
    '2 个项目，患者自付合计 ¥6848.10',
  );
  await expect(chair.drawer().getByTestId('notice-teeth')).toHaveText('牙位 36');
  await expect(chair.drawer().getByTestId('signer-line')).toHaveText(
    `签字人：患者本人 ${patient.name}`,
  );
  await chair.dot('signer');
  await chair.sign('clinician');
  await chair.confirm();
  await expect(chair.padError('signer')).toHaveText('签名太短：请在签名框内写下完整的姓名。');
  await page.getByTestId('pad-signer-clear').click();
  await chair.sign('signer');
  await chair.confirm();
  await expect(page.getByTestId('sign-done')).toContainText('告知书已签署（第 1 版）');
  // For people, not a pass mark: the issue asks for under a minute at the chair. (console.warn:
  // the lint allows no console.log; the list reporter prints both.)
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  test.info().annotations.push({ type: 'chair seconds', description: seconds });
  console.warn(`chair: plan page to signed notice in ${seconds} s`);
  await expect(page.getByTestId('sign-open')).toHaveAttribute('href', /^#\/consents\/[\w-]+$/);
  await chair.signedAndClosed();

  // Signed: performing now succeeds; the signed lines are locked.
  await expect(implant.getByTestId('line-blocked')).toHaveCount(0);
  await chair.line('种植体植入').getByTestId('line-perform').click();
  await expect(chair.line('种植体植入').getByTestId('line-status')).toContainText('已执行');
  await expect(chair.failure()).toHaveCount(0);
  await expect(chair.line('根管治疗术')).toHaveAttribute('data-consent', 'signed');
  await expect(chair.line('根管治疗术').getByTestId('line-edit')).toHaveCount(0);
  await expect(chair.line('根管治疗术').getByTestId('line-locked')).toBeVisible();
  await expect(page.getByTestId('prepare-notice')).toBeDisabled();
  await expect(page.getByTestId('prepare-note')).toHaveText('没有等待签字的乙类或自费项目。');
  await expect(chair.notice(1)).toHaveAttribute('data-state', 'signed');

  // A correction: void with a reason, change the quantity, sign version 2 linked to version 1.
  await chair.notice(1).getByTestId('notice-void').click();
  await expect(chair.dialog().getByTestId('void-reason')).toBeFocused(); // done zooming in
  await chair.dialog().getByTestId('void-confirm').click();
  await expect(chair.dialog().getByText('请写明作废原因。')).toBeVisible();
  await chair.dialog().getByTestId('void-reason').fill('根管数量写错，应为 3 根');
  await chair.dialog().getByTestId('void-confirm').click();
  await expect(chair.notice(1)).toHaveAttribute('data-state', 'voided');
  await expect(chair.notice(1).getByTestId('notice-voided')).toContainText(
    '根管数量写错，应为 3 根',
  );
  await chair.line('根管治疗术').getByTestId('line-edit').click();
  await chair.fillLine({ quantity: 3 });
  await expect(chair.dialog().getByTestId('line-self-pay')).toHaveText('患者自付 ¥72.15');
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(page.getByTestId('prepare-note')).toHaveText('将作为第 1 版的更正版本。');
  await chair.prepare();
  await expect(chair.drawer().getByTestId('signing-version')).toHaveText('第 2 版，更正第 1 版');
  // The implant was performed under version 1: only the root canal is left to sign.
  await expect(chair.drawer().getByTestId('signing-summary')).toHaveText(
    '1 个项目，患者自付合计 ¥72.15',
  );
  await chair.sign('signer');
  await chair.sign('clinician');
  await chair.confirm();
  await expect(page.getByTestId('sign-done')).toContainText('告知书已签署（第 2 版）');
  await chair.signedAndClosed();
  await expect(chair.notice(2)).toHaveAttribute('data-state', 'signed');
  await expect(chair.notice(2)).toContainText('更正第 1 版');
  await chair.line('根管治疗术').getByTestId('line-perform').click();
  await expect(chair.line('根管治疗术').getByTestId('line-status')).toContainText('已执行');
});

test('a refusal is witnessed by staff, and a guardian signs with a checked ID number', async ({
  page,
}) => {
  test.slow(); // two logins with PBKDF2 and two signings
  const { today, patients } = await morningAtTheDesk(page, 2);
  const [refuser, child] = patients as [SeededPatient, SeededPatient];

  // The patient refuses the implant and will not sign: a nurse witnesses.
  let chair = await openPlan(page, today, refuser);
  await chair.add('zztzr', '种植体植入', {
    reason: '缺牙修复',
    alternatives: '活动义齿（医保乙类）',
  });
  await chair.prepare();
  await chair.witnessedRefusal('刘护士');
  await expect(page.getByTestId('signing-summary')).toHaveText('1 个项目，患者拒绝使用');
  await expect(page.getByTestId('signer-line')).toHaveText('见证人：刘护士（患者拒绝签字）');
  await chair.sign('signer');
  await chair.sign('clinician');
  await chair.confirm();
  await expect(page.getByTestId('sign-done')).toContainText('已记录患者拒绝（第 1 版）');
  await chair.signedAndClosed();
  await expect(chair.notice(1)).toHaveAttribute('data-state', 'refused');
  await expect(chair.line('种植体植入')).toHaveAttribute('data-consent', 'refused');
  await expect(chair.line('种植体植入').getByTestId('line-perform')).toBeDisabled();
  await expect(chair.line('种植体植入').getByTestId('line-blocked')).toContainText(
    '患者已拒绝此项目，不能执行或收费',
  );

  // A guardian signs for a child: the one registered is offered; a mistyped ID number is refused
  // on its field.
  await patchPatient(page, child.id, {
    birthDate: '2016-05-04',
    guardian: { name: '张建华', relation: 'parent', phone: '13812345678' },
  });
  await openToday(page);
  chair = await openPlan(page, today, child);
  // Two codes start with 3105: ↓ moves from the filling to the root canal.
  await chair.search('3105', '根管治疗术', { down: 1 });
  await chair.fillLine({ reason: '根尖周炎', alternatives: 'none' });
  await chair.dialog().getByTestId('plan-line-submit').click();
  await expect(chair.line('根管治疗术')).toBeVisible();
  // A child: the notice opens on who signs, with a guardian already chosen.
  await page.getByTestId('prepare-notice').click();
  await expect(
    page.getByTestId('signer-kind').locator('input[value="representative"]'),
  ).toBeChecked();
  await expect(page.getByTestId('representative-name')).toHaveValue('张建华');
  await expect(page.getByTestId('representative-relation')).toContainText('父母');
  const guardianId = refuser.idNumber;
  const typo = guardianId.slice(0, -1) + (guardianId.endsWith('1') ? '2' : '1');
  await page.getByTestId('representative-id').fill(typo);
  await page.getByTestId('signer-next').click();
  await expect(page.getByText('代签人的证件号码不正确，请对照证件逐位核对。')).toBeVisible();
  await page.getByTestId('representative-id').fill(guardianId);
  await page.getByTestId('signer-next').click();
  await expect(page.getByTestId('signer-line')).toHaveText('签字人：张建华（父母，代签）');
  await expect(page.getByTestId('pad-signer')).toHaveAccessibleName('代签人签名');
  await chair.sign('signer');
  await chair.sign('clinician');
  await chair.confirm();
  await expect(page.getByTestId('sign-done')).toContainText('告知书已签署（第 1 版）');
  await chair.signedAndClosed();
  await expect(chair.line('根管治疗术')).toHaveAttribute('data-consent', 'signed');

  // The patient's visit timeline leads back to the same plan.
  await page.getByTestId('plan-patient').getByText(child.name).click();
  await page.getByTestId('timeline-plan').first().click();
  await chair.expectOpenFor(child.name);
  await expect(chair.notice(1)).toHaveAttribute('data-state', 'signed');
});

test('the front desk bills from Today: a covered item at once, a self-pay item only once signed', async ({
  page,
}) => {
  test.slow(); // three logins with PBKDF2 and a signing
  const { today, patients } = await morningAtTheDesk(page, 1);
  const patient = patients[0]!;
  const chair = await openPlan(page, today, patient);
  await chair.add('qccts', '龋齿充填术', {});
  await chair.add('zztzr', '种植体植入', { reason: '缺牙修复', alternatives: 'none' });
  await chair.prepare();
  await chair.sign('signer');
  await chair.sign('clinician');
  await chair.confirm();
  await chair.signedAndClosed();
  // Planned after the signing: not covered by it.
  await chair.add('ggzl', '根管治疗术', { reason: '根尖周炎', alternatives: '拔除患牙' });

  await new ShellPage(page).logout();
  await new LoginPage(page).attempt(DEMO_CLINIC.username, DEMO_CLINIC.password);
  await logInAsNew(page, FRONT_DESK);
  await openToday(page);
  await expect(today.row(patient).getByTestId('plan-visit')).toHaveText('收费');
  await today.row(patient).getByTestId('plan-visit').click();
  await chair.expectOpenFor(patient.name);
  // The desk bills; it neither plans, performs, nor reads the notices themselves.
  await expect(page.getByTestId('line-perform')).toHaveCount(0);
  await expect(page.getByTestId('prepare-notice')).toHaveCount(0);
  await expect(chair.notice(1)).toHaveAttribute('data-state', 'signed');
  await expect(page.getByTestId('notice-open')).toHaveCount(0);

  await chair.line('龋齿充填术').getByTestId('line-bill').click();
  await expect(chair.line('龋齿充填术').getByTestId('line-status')).toContainText('已收费');
  await chair.line('种植体植入').getByTestId('line-bill').click();
  await expect(chair.line('种植体植入').getByTestId('line-status')).toContainText('已收费');
  // Not signed: the desk sees why it cannot bill, and that the chair has to sign it first.
  await expect(chair.line('根管治疗术').getByTestId('line-bill')).toBeDisabled();
  await expect(chair.line('根管治疗术').getByTestId('line-blocked')).toHaveText(
    '患者尚未签署自费告知书：须由医生与患者当面签字后才能收费。',
  );
  await expect(chair.line('根管治疗术').getByTestId('line-status')).not.toContainText('已收费');
});
