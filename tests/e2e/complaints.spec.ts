import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { ComplaintsPage } from './pages/complaints-page';
import { PatientsPage } from './pages/patients-page';
import { shoot } from './screenshots';

type DevHook = {
  db: {
    complaints: { toArray(): Promise<Record<string, unknown>[]> };
    complaintEvents: { toArray(): Promise<{ at: string; facts: Record<string, unknown> }[]> };
  };
};

/** What the store holds, read behind the UI. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const events = await db.complaintEvents.toArray();
    events.sort((a, b) => a.at.localeCompare(b.at));
    return { complaints: await db.complaints.toArray(), events: events.map((e) => e.facts) };
  });

/** Long jumps of the clock lock the idle PC: the owner unlocks it as at the desk. */
const unlock = async (page: Page, password: string) => {
  const box = page.getByRole('dialog').locator('input[type=password]');
  await expect(box).toBeVisible();
  await box.fill(password);
  await page.keyboard.press('Enter');
  await expect(box).toBeHidden();
};

test('a complaint from intake to closing, with its deadlines and the overdue badge', async ({
  page,
}) => {
  test.setTimeout(180_000); // a clinic set up, a dozen saves, two clock jumps with unlocking
  const owner = await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  await expect(complaints.badge()).toHaveText('');

  // A form with nothing typed and a time in the wrong shape says what is wrong, in Chinese.
  await page.getByTestId('complaint-new').click();
  await complaints.dialog().getByTestId('complaint-received-at').fill('25/11/2026 9:30');
  await complaints.save();
  await expect(complaints.dialog()).toContainText('请按“年-月-日 时:分”填写');
  await expect(complaints.dialog()).toContainText('请填写此项');
  await shoot(page, 'zh-CN', '121-complaint-form-errors');
  // A time in the future is refused by the repository, beside the field.
  await complaints.dialog().getByTestId('complaint-received-at').fill('2026-11-25 12:00');
  await complaints.dialog().getByTestId('complaint-category').getByText('医保结算/收费').click();
  await complaints.dialog().getByTestId('complaint-name').fill('张先生');
  await complaints.dialog().getByTestId('complaint-description').fill('医保结算多收了一项检查费');
  await complaints.save();
  await expect(complaints.dialog()).toContainText('接收时间不能晚于现在');
  // Esc after typing asks first; 放弃 throws the typing away.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-ok').click();
  await expect(complaints.dialog()).toHaveCount(0);

  await complaints.fill({
    category: '医保结算/收费',
    name: '张先生',
    phone: '13800138000',
    description: '医保结算多收了一项检查费，要求退还。',
    major: true,
  });
  await shoot(page, 'zh-CN', '122-complaint-form');
  // Esc after typing asks first: 继续填写 keeps every field as it was.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '放弃已填写的内容？' })).toBeVisible();
  await expect(page.getByTestId('discard-keep')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '放弃已填写的内容？' })).toHaveCount(0);
  await expect(page.getByTestId('complaint-description')).toHaveValue(
    '医保结算多收了一项检查费，要求退还。',
  );
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  await expect(complaints.rows()).toHaveCount(1);
  await expect(complaints.row('张先生')).toContainText('未到期');
  // A note from the suggestion box, anonymous, ordinary.
  await complaints.fill({
    category: '候诊时间',
    channel: '意见箱',
    description: '周三上午候诊超过两个小时，没有人解释原因。',
  });
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  await expect(complaints.rows()).toHaveCount(2);
  await expect(complaints.row('匿名')).toContainText('意见箱');
  // Nobody to call back: it waits to be looked into, with no first-contact deadline.
  await expect(complaints.row('匿名')).toContainText('待处理');
  await expect(complaints.row('匿名')).not.toContainText('待联系');
  await expect(complaints.badge()).toHaveText('');

  // 06:00 the next morning 张先生's first contact is four hours away: due soon, and counted.
  // The anonymous note has nobody to call back: only its resolution is due, days from now.
  await page.clock.fastForward('20:00:00');
  await unlock(page, owner.password);
  await expect(complaints.badge()).toHaveText('1');
  await expect(complaints.row('张先生')).toContainText('即将到期');
  // After 10:00 nobody has called back: overdue.
  await page.clock.fastForward('04:30:00');
  await unlock(page, owner.password);
  await expect(complaints.row('张先生')).toContainText('已超期');
  await expect(complaints.row('匿名')).toContainText('未到期');
  await expect(complaints.badge()).toHaveText('1');

  // Contacted, escalated, resolved, closed with cause and measure.
  await complaints.openRow('张先生');
  await expect(page.getByTestId('complaint-resolution-due')).toHaveText('2026-12-04');
  await complaints.step('contacted');
  await complaints.submitStep();
  await expect(complaints.state()).toHaveText('处理中');
  await expect(complaints.badge()).toHaveText('');
  await complaints.step('escalated');
  // The management group must read why: an empty note is refused, saying so.
  await complaints.dialog().getByTestId('event-submit').click();
  await expect(complaints.dialog()).toContainText('上报管理小组必须写明说明');
  await shoot(page, 'zh-CN', '167-complaint-escalate-note');
  await complaints.text('note', '涉及医保基金，提交管理小组');
  await complaints.submitStep();
  await complaints.step('resolved');
  await complaints.text('text', '核实后已退还多收的检查费');
  await complaints.submitStep();
  await expect(complaints.state()).toHaveText('已解决');

  // Closing without a measure is refused in the form; nothing is saved.
  await complaints.step('closed');
  await complaints.text('feedback', '电话告知处理结果，投诉人认可');
  await complaints.pickFirst('satisfaction');
  await complaints.text('cause', '收费员误选了检查项目');
  await complaints.dialog().getByTestId('event-submit').click();
  await expect(complaints.dialog()).toContainText('请填写此项');
  await shoot(page, 'zh-CN', '123-complaint-close');
  await complaints.text('measure', '结算前由医保专员复核项目');
  await complaints.submitStep();
  await expect(complaints.state()).toHaveText('已结案');
  await expect(page.getByTestId('step-reopened')).toBeVisible();
  await expect(page.getByTestId('step-note')).toHaveCount(0);
  await expect(complaints.timeline()).toContainText('整改措施：结算前由医保专员复核项目');
  await shoot(page, 'zh-CN', '124-complaint-timeline');

  // The list: the anonymous one still open comes first, the closed one last.
  await complaints.open();
  await expect(complaints.rows().first()).toContainText('匿名');
  await expect(complaints.rows().last()).toContainText('已结案');
  await expect(complaints.badge()).toHaveText('');
  await shoot(page, 'zh-CN', '120-complaint-list');
  await complaints.openRow('张先生');

  // After a reload the screen and the store say the same.
  await page.reload();
  await expect(complaints.state()).toHaveText('已结案');
  await expect(complaints.timeline().locator('[data-testid^=timeline-]')).toHaveCount(4);
  const { complaints: rows, events } = await stored(page);
  expect(rows).toHaveLength(2);
  expect(rows.filter((row) => row.channel === 'phone')).toMatchObject([
    {
      channel: 'phone',
      category: 'insurance-billing',
      severity: 'major',
      complainant: { kind: 'named', name: '张先生', phone: '13800138000', relation: 'self' },
      receivedAt: '2026-11-25T10:00:00+08:00',
      firstContactDue: '2026-11-26T10:00:00+08:00',
      resolutionDue: '2026-12-04',
      policy: { name: '3 / 7', ordinaryDays: 3, majorDays: 7 },
    },
  ]);
  expect(events.map((e) => e.kind)).toEqual(['contacted', 'escalated', 'resolved', 'closed']);
  expect(events[3]).toEqual({
    kind: 'closed',
    feedback: '电话告知处理结果，投诉人认可',
    satisfaction: 'satisfied',
    cause: '收费员误选了检查项目',
    measure: '结算前由医保专员复核项目',
  });

  // The anonymous note: nobody to call back, so it is looked into, resolved and closed with the
  // feedback already saying so, without a contact.
  await complaints.open();
  await complaints.openRow('匿名');
  await expect(page.getByText(/匿名投诉无法联系投诉人/)).toBeVisible();
  await expect(complaints.state()).toHaveText('待处理');
  await expect(page.getByTestId('complaint-facts')).not.toContainText(/首次联系|尚未联系/);
  await shoot(page, 'zh-CN', '163-complaint-anonymous-detail');
  await expect(page.getByTestId('step-contacted')).toHaveCount(0);
  await complaints.step('note');
  await complaints.text('text', '查看当天排班：医生临时外出');
  await complaints.submitStep();
  await complaints.step('resolved');
  await complaints.text('text', '已在候诊区张贴延误说明');
  await complaints.submitStep();
  await complaints.step('closed');
  await expect(complaints.dialog().getByTestId('event-feedback')).toHaveValue(
    '匿名投诉，无法向投诉人反馈处理结果。',
  );
  await complaints.text('cause', '医生临时外出，未告知候诊患者');
  await complaints.text('measure', '候诊延误超过 30 分钟，由前台主动说明原因');
  await complaints.submitStep();
  await expect(complaints.state()).toHaveText('已结案');
  expect((await stored(page)).events.filter((e) => e.kind === 'closed')).toEqual(
    expect.arrayContaining([expect.objectContaining({ satisfaction: 'unreachable' })]),
  );
  await complaints.open();
  await complaints.openRow('张先生');

  // The same screens in English.
  await page.getByText('EN', { exact: true }).click();
  await expect(complaints.state()).toHaveText('Closed');
  await shoot(page, 'en', '127-complaint-timeline');
  await complaints.open();
  await complaints.openRow('Anonymous');
  await expect(page.getByTestId('complaint-facts')).not.toContainText(/first contact/i);
  await shoot(page, 'en', '164-complaint-anonymous-detail');
  await complaints.open();
  await shoot(page, 'en', '125-complaint-list');
  await complaints.fill({
    category: 'Waiting time',
    name: 'Mr Zhang',
    phone: '13800138000',
    description: 'Waited two hours.',
  });
  await shoot(page, 'en', '126-complaint-form');
  // Discarding really throws the typing away, and nothing is saved.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-ok').click();
  await expect(page.getByTestId('complaint-description')).toHaveCount(0);
  expect((await stored(page)).complaints).toHaveLength(2);
});

test('picking the patient of a complaint, Tab goes on to the description, not to the ×', async ({
  page,
}) => {
  await setUpClinic(page);
  const first17 = '11010219900307123';
  await new PatientsPage(page).register({
    name: '李四',
    idNumber: first17 + residentCheckCharacter(first17),
  });
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  await page.getByTestId('complaint-new').click();
  const dialog = complaints.dialog();
  await dialog.getByTestId('complaint-name').fill('李四');
  await dialog.locator('#complaint-submit_patientId').click();
  await page.keyboard.type('李四');
  await expect(page.getByTitle(/^李四 · /)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('complaint-patient')).toContainText('李四');
  // The × stays for the mouse, named in the UI's language, but is no Tab stop.
  const clear = dialog.getByTestId('complaint-patient').locator('.ant-select-clear');
  await expect(clear).toHaveAttribute('tabindex', '-1');
  await expect(clear).toHaveAttribute('aria-label', '清除');
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('complaint-description')).toBeFocused();
  await page.keyboard.type('挂号时被告知号已满');
  await expect(dialog.getByTestId('complaint-description')).toHaveValue('挂号时被告知号已满');
  await shoot(page, 'zh-CN', '160-complaint-patient-tab');
  // Shift+Tab goes back to the choice itself, not to the ×.
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.locator('#complaint-submit_patientId')).toBeFocused();
  await clear.click();
  await expect(dialog.getByTestId('complaint-patient')).not.toContainText('李四');

  // Received five days ago and only written down now: the first contact is long overdue, and
  // saving says so with a warning, not the usual green "recorded".
  await dialog.getByTestId('complaint-received-at').fill('2026-11-20 09:00');
  await dialog.getByTestId('complaint-category').getByText('候诊时间').click();
  await complaints.save();
  const warning = page.locator('.ant-message-warning');
  await expect(warning).toContainText(
    '投诉已登记，但首次联系时限（2026-11-21 09:00）已经过了：请立即联系投诉人。',
  );
  await expect(page.locator('.ant-message-success')).toHaveCount(0);
  await shoot(page, 'zh-CN', '165-complaint-saved-overdue');
  await expect(complaints.row('李四')).toContainText('已超期');

  await page.getByText('EN', { exact: true }).click();
  await complaints.fill({
    category: 'Waiting time',
    name: 'Mr Li',
    description: 'Waited two hours last week.',
  });
  await complaints.dialog().getByTestId('complaint-received-at').fill('2026-11-19 15:30');
  await complaints.save();
  await expect(page.locator('.ant-message-warning').last()).toContainText(
    'its first-contact deadline (2026-11-20 15:30) has already passed',
  );
  await expect(complaints.dialog()).toBeHidden();
  await shoot(page, 'en', '165-complaint-saved-overdue');

  // Escalating says why, in English too.
  await complaints.openRow('Mr Li');
  await complaints.step('escalated');
  await complaints.dialog().getByTestId('event-submit').click();
  await expect(complaints.dialog()).toContainText(
    'Escalating to the management group needs a note, e.g. why and what the group must decide.',
  );
  await shoot(page, 'en', '167-complaint-escalate-note');
});
