import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, type Route } from '@playwright/test';
import { test } from './fixtures';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { pairingLink } from '../../shared/sync/pairing-link';
import { startHub, type RunningHub } from '../../server/hub/hub';
import { DEMO_CLINIC } from './pages/setup-wizard-page';
import { LoginPage } from './pages/login-page';
import { PatientsPage } from './pages/patients-page';
import { SetupWizardPage } from './pages/setup-wizard-page';
import { StaffPage } from './pages/staff-page';
import { shoot } from './screenshots';

const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

let hub: RunningHub;
let dataDir: string;

test.beforeEach(async ({ timeline }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-e2e-hub-'));
  hub = await startHub({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    // The hub's time is the pages' (fixtures.ts): no PC's clock looks wrong to it.
    clock: timeline,
    log: () => undefined,
  });
});

test.afterEach(async () => {
  await hub.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Edits the open patient's fields by label; an identity change asks for its reason. */
const editPatient = async (page: Page, fields: Record<string, string>, reason?: string) => {
  await page.getByTestId('patient-edit').click();
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.keyboard.press('Enter');
  if (reason) {
    const dialog = page.getByRole('dialog', { name: '修改身份信息需要说明原因' });
    await dialog.getByTestId('patient-reason').fill(reason);
    await dialog.getByTestId('patient-reason-confirm').click();
  }
  await expect(page.getByTestId('patient-edit')).toBeVisible();
  await expect(page.getByText(Object.values(fields).at(-1)!)).toBeVisible();
};

type DevHooks = {
  __clinicdeskDev: {
    signDemoConsent(options: { items: number }): Promise<{ consentId: string }>;
    voidDemoConsent(consentId: string, reason: string): Promise<unknown>;
  };
};

type PhotoHook = {
  db: {
    patients: { toArray(): Promise<{ id: string; name: string }[]> };
    attachments: { get(id: string): Promise<{ blob?: Blob } | undefined> };
  };
  saveDemoPhoto(patientId: string): Promise<string>;
};

/** Both PCs exchange everything: the desk, the chair, the desk again (the button saves the wait). */
const syncBoth = async (desk: Page, chair: Page) => {
  for (const pc of [desk, chair, desk]) {
    await pc.goto('/#/sync');
    await pc.getByTestId('sync-now').click();
    await expect(pc.getByTestId('sync-indicator').first()).toHaveText('已同步');
  }
};

/** Fills the Sync screen's connect form of a PC in use and presses 连接 (it then asks first). */
const askToConnect = async (page: Page, code: string, deviceName: string) => {
  await page.getByTestId('sync-url').fill(hub.url);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-device-name').fill(deviceName);
  await page.getByTestId('sync-connect').click();
};

/** Connects a PC in use to the hub from its Sync screen. */
const connect = async (page: Page, code: string, deviceName: string) => {
  await page.goto('/#/sync');
  await askToConnect(page, code, deviceName);
  // A PC in use says what it brings to the clinic, and asks first.
  await page.locator('#sync-join-confirm').click();
  await expect(page.getByTestId('sync-linked')).toBeVisible();
};

test('a second workstation joins the clinic, and a patient registered at the desk is found at the chair', async ({
  newWorkstation,
  page: desk,
}) => {
  test.setTimeout(300_000); // two workstations, offline and back
  await new SetupWizardPage(desk).complete(DEMO_CLINIC);
  const { code: first } = await hub.store.createPairingCode(true);

  // The first PC links up with a code the hub printed, and names the clinic on the hub.
  await connect(desk, first, '前台电脑');
  await expect(desk.getByTestId('sync-indicator').first()).toHaveAttribute('data-state', 'online');
  await desk.getByTestId('sync-create-code').click();
  const code = (await desk.getByTestId('sync-pairing-code').textContent())!.trim();
  // the code also as a QR code, for a scanner at the new PC
  await expect(desk.getByTestId('sync-pairing-qr').locator('canvas')).toBeVisible();
  await shoot(desk, 'zh-CN', '95-sync-screen');

  // A new PC joins from its first screen: no wizard, the clinic's accounts arrive, then login.
  const { context: chairContext, page: chair } = await newWorkstation('the chair');
  await chair.goto('/');
  await chair.getByTestId('setup-join').click();
  await chair.getByTestId('sync-code').fill('12');
  await chair.getByTestId('sync-connect').click();
  await expect(chair.getByText('配对码为 8 位字母或数字')).toBeVisible();
  await expect(
    chair.getByText('请输入以 http:// 或 https:// 开头的地址', { exact: false }),
  ).toBeVisible();
  await shoot(chair, 'zh-CN', '96-sync-join-errors');
  // A scanner types the QR code's text into the address field: address and code fill in.
  await chair.getByTestId('sync-url').fill(pairingLink({ hub: hub.url, code }));
  await expect(chair.getByTestId('sync-url')).toHaveValue(hub.url);
  await expect(chair.getByTestId('sync-code')).toHaveValue(code);
  await expect(chair.getByText('配对码为 8 位字母或数字')).toBeHidden();
  await chair.getByTestId('sync-device-name').fill('诊室一');
  await chair.getByTestId('sync-connect').click();
  const login = new LoginPage(chair);
  await login.expectShown();
  await login.login(DEMO_CLINIC.username, DEMO_CLINIC.password, DEMO_CLINIC.ownerName);

  // Registered at the desk, found at the chair by pinyin initials, through the live channel.
  const patient = {
    name: '欧阳娜娜',
    idNumber: withCheck('44030519920315262'),
    sex: '女' as const,
    phone: '13800138000',
  };
  const chairPatients = new PatientsPage(chair);
  await chairPatients.open();
  await new PatientsPage(desk).register(patient);
  const registeredAt = Date.now();
  await chairPatients.find('oynn', patient.name);
  console.warn(
    `sync: registered at the desk, found at the chair after ${Date.now() - registeredAt} ms`,
  );
  await expect(chair.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
  await shoot(chair, 'zh-CN', '97-sync-found-at-chair');

  // A photo taken at the desk: the chair gets the record's new photo row, then its bytes from the
  // hub by their hash (never through the change log).
  const photoId = await desk.evaluate(async (name) => {
    const dev = (globalThis as unknown as { __clinicdeskDev: PhotoHook }).__clinicdeskDev;
    const found = (await dev.db.patients.toArray()).find((p) => p.name === name)!;
    return dev.saveDemoPhoto(found.id);
  }, patient.name);
  await chair.keyboard.press('Enter');
  await expect(chair.getByTestId('patient-photo')).toBeVisible();
  const photoBytes = (page: Page) =>
    page.evaluate(async (id) => {
      const dev = (globalThis as unknown as { __clinicdeskDev: PhotoHook }).__clinicdeskDev;
      const blob = (await dev.db.attachments.get(id))?.blob;
      return blob ? Array.from(new Uint8Array(await blob.arrayBuffer())) : undefined;
    }, photoId);
  expect(await photoBytes(chair)).toEqual(await photoBytes(desk));
  await shoot(chair, 'zh-CN', '97b-sync-photo-at-chair');
  await chairPatients.open();
  await chairPatients.find('oynn', patient.name);

  // The devices list names both PCs on the owner's Sync screen.
  await desk.goto('/#/sync');
  await expect(desk.getByTestId('sync-devices')).toContainText('诊室一');
  await expect(desk.getByTestId('sync-devices')).toContainText('前台电脑');

  // The network goes down on both. Each keeps working on the same patient: the desk changes the
  // phone and the notes; the chair, a moment later, the name (with a reason) and the phone.
  const offline = (route: Route) => route.abort('internetdisconnected');
  await desk.context().route(`${hub.url}/**`, offline);
  await chairContext.route(`${hub.url}/**`, offline);
  const deskPatients = new PatientsPage(desk);
  await deskPatients.open();
  await deskPatients.find('oynn', patient.name);
  await desk.keyboard.press('Enter');
  await editPatient(desk, { 手机号: '13911112222', 备注: '对青霉素过敏' });
  await expect(desk.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  // The patient's change, its audit event and the viewing of the record wait to be pushed.
  await expect(desk.getByTestId('sync-indicator')).toHaveText(/离线 · \d+/);
  await shoot(desk, 'zh-CN', '98-sync-offline');
  await chair.keyboard.press('Enter');
  await editPatient(chair, { 姓名: '欧阳丽娜', 手机号: '13733334444' }, '身份证上的名字是丽娜');
  await expect(chair.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  // Each PC gives a new colleague an account, under the same username.
  for (const [pc, displayName] of [
    [desk, '赵敏'],
    [chair, '赵明'],
  ] as const) {
    const staff = new StaffPage(pc);
    await staff.open();
    await staff.add({ displayName, username: 'zhaomin', role: '前台', password: 'Zhao#Min2026x' });
  }

  // The network is back: the two merge by themselves (the button only saves the test the wait).
  await desk.context().unroute(`${hub.url}/**`, offline);
  await chairContext.unroute(`${hub.url}/**`, offline);
  await syncBoth(desk, chair);
  for (const pc of [desk, chair]) {
    const patients = new PatientsPage(pc);
    await patients.open();
    await patients.find('oyln', '欧阳丽娜');
    await pc.keyboard.press('Enter');
    await expect(pc.getByTestId('patient-name')).toHaveText('欧阳丽娜');
    await expect(pc.getByText('13733334444')).toBeVisible();
    await expect(pc.getByText('对青霉素过敏')).toBeVisible();
  }
  await shoot(chair, 'zh-CN', '99-sync-merged');
  // Both accounts are kept, flagged on both PCs; the password tells them apart at login.
  for (const pc of [desk, chair]) {
    const staff = new StaffPage(pc);
    await staff.open();
    await expect(pc.getByTestId('staff-shared-username-zhaomin')).toHaveCount(2);
  }
  await shoot(chair, 'zh-CN', '99-sync-shared-username');
  // The owner gives one of the two a username of their own; both PCs then hold two usernames.
  await desk.locator('tr', { hasText: '赵明' }).getByTestId('staff-rename').click();
  const rename = desk.getByRole('dialog');
  await rename.getByLabel('新用户名').fill('zhaoming');
  await shoot(desk, 'zh-CN', '99-sync-rename-username');
  await rename.getByTestId('staff-rename-submit').click();
  await expect(rename).toHaveCount(0);
  await syncBoth(desk, chair);
  for (const pc of [desk, chair]) {
    await new StaffPage(pc).open();
    await expect(pc.locator('tr', { hasText: '赵明' })).toContainText('zhaoming');
    await expect(pc.getByTestId('staff-shared-username-zhaomin')).toHaveCount(0);
  }

  // A self-pay notice signed at the desk reaches the chair; offline, both PCs void it, each
  // with its own reason. Back online, both show the first void, and the other beside it.
  const { consentId } = await desk.evaluate(() =>
    (globalThis as unknown as DevHooks).__clinicdeskDev.signDemoConsent({ items: 3 }),
  );
  await syncBoth(desk, chair);
  await chair.goto(`/#/consents/${consentId}`);
  await expect(chair.getByTestId('notice-screen')).toBeVisible();
  await desk.context().route(`${hub.url}/**`, offline);
  await chairContext.route(`${hub.url}/**`, offline);
  const voidOn = (pc: Page, reason: string) =>
    pc.evaluate(
      ([id, why]) => (globalThis as unknown as DevHooks).__clinicdeskDev.voidDemoConsent(id, why),
      [consentId, reason] as const,
    );
  await voidOn(desk, '金额有误');
  await voidOn(chair, '患者改期');
  await desk.context().unroute(`${hub.url}/**`, offline);
  await chairContext.unroute(`${hub.url}/**`, offline);
  await syncBoth(desk, chair);
  for (const pc of [desk, chair]) {
    await pc.goto(`/#/consents/${consentId}`);
    await expect(pc.getByTestId('notice-voided')).toContainText('原因：金额有误');
    await expect(pc.getByTestId('notice-voided-also')).toContainText(
      '在其他工作站作废，原因：患者改期',
    );
  }
  await shoot(chair, 'zh-CN', '99-sync-voided-twice');

  // A change that could not be applied is shown to the owner, never hidden; one written by a
  // newer ClinicDesk is kept for after the update, and everyone is told to update.
  await desk.goto('/#/sync');
  await desk.evaluate(async () => {
    const { db } = (
      globalThis as unknown as {
        __clinicdeskDev: { db: { syncIssues: { bulkAdd(rows: object[]): Promise<unknown> } } };
      }
    ).__clinicdeskDev;
    await db.syncIssues.bulkAdd([
      {
        id: 'issue-1',
        kind: 'quarantined',
        at: new Date().toISOString(),
        table: 'complaints',
        entityId: 'c-1',
        detail: 'unknown-table: complaints (a newer version’s table?)',
      },
      {
        id: 'issue-3',
        kind: 'quarantined',
        at: new Date().toISOString(),
        table: 'consents',
        entityId: 'n-7',
        detail: 'permission: role-not-held',
        refusal: {
          reason: 'role-not-held',
          actorId: 's-chen',
          actorName: '陈静',
          role: 'clinician',
          entity: 'consent',
          action: 'sign',
        },
      },
      {
        id: 'issue-2',
        kind: 'newer',
        at: new Date().toISOString(),
        table: 'patients',
        entityId: 'p-9',
        detail: 'schema version 2',
      },
    ]);
  });
  // A merge that failed is support's to look at; a refused change is the owner's to check.
  await expect(desk.getByTestId('sync-issues')).toContainText('1 条同步记录未能应用');
  await expect(desk.getByTestId('sync-issues')).toContainText(
    '1 条变更未被诊所接受：做出变更时，此人的账号或角色已不允许这样做。',
  );
  await expect(desk.getByTestId('sync-issues')).toContainText('投诉 · c-1');
  await expect(desk.getByTestId('sync-issues')).toContainText(
    '这条变更属于本机版本不认识的数据（可能来自更新版本的 ClinicDesk）。',
  );
  // A change the clinic's log refused says who did what, in which role, and why.
  await expect(desk.getByTestId('sync-issues')).toContainText(
    '陈静以“医生”身份所做的“自费知情同意书 · 签署”未被接受：同步到诊所时，此人已不再担任该角色。',
  );
  await expect(desk.getByTestId('sync-update-needed')).toContainText('写入了 1 条本机还不能读取');
  await expect(desk.getByTestId('sync-indicator').first()).toContainText('需更新');
  await shoot(desk, 'zh-CN', '99-sync-issues');
  await desk.getByText('EN', { exact: true }).click();
  await expect(desk.getByTestId('sync-issues')).toContainText(
    '1 change was not accepted by the clinic: the account or role of the person who made it no longer allowed it.',
  );
  await expect(desk.getByTestId('sync-issues')).toContainText(
    '"Self-pay consent · Sign" by 陈静 as Clinician was not accepted: when it reached the clinic, this person no longer held that role.',
  );
  await shoot(desk, 'en', '99-sync-issues');
  await desk.getByText('中文', { exact: true }).click();

  // The owner revokes the chair's PC: it is told so, in words, and stops syncing.
  await desk
    .getByTestId('sync-devices')
    .locator('tr', { hasText: '诊室一' })
    .getByTestId('sync-revoke')
    .click();
  await desk
    .getByRole('button', { name: '确 定' })
    .or(desk.getByRole('button', { name: '确定' }))
    .click();
  await expect(desk.getByTestId('sync-devices').locator('tr', { hasText: '诊室一' })).toContainText(
    '已撤销',
  );
  await chair.goto('/#/sync');
  await expect(chair.getByTestId('sync-indicator').first()).toHaveAttribute(
    'data-state',
    'revoked',
  );
  await expect(chair.getByTestId('sync-error')).toContainText('此工作站已被移出诊所同步');
  await shoot(chair, 'zh-CN', '99-sync-revoked');

  // Paired again with a new code, the chair syncs again.
  await desk.getByTestId('sync-create-code').click();
  const again = (await desk.getByTestId('sync-pairing-code').textContent())!.trim();
  expect(again).not.toBe(code);
  await chair.getByTestId('sync-code').fill(again);
  await chair.getByTestId('sync-device-name').fill('诊室一');
  await chair.getByTestId('sync-connect').click();
  await expect(chair.getByTestId('sync-indicator').first()).toHaveAttribute('data-state', 'online');
});

test('a PC in use joins the clinic: it says what it brings first, its patient and owner join, and the clinic keeps its name', async ({
  newWorkstation,
  page: desk,
}) => {
  test.setTimeout(240_000);
  await new SetupWizardPage(desk).complete(DEMO_CLINIC);
  await connect(desk, (await hub.store.createPairingCode(true)).code, '前台电脑');

  // A PC that ran on its own for a while, under another name, with its own owner and a patient.
  const { page: branch } = await newWorkstation('the branch PC');
  const branchOwner = {
    ...DEMO_CLINIC,
    clinicName: '王芳牙科',
    ownerName: '王芳',
    username: 'wangfang',
    password: 'Wang#Fang2026',
  };
  await new SetupWizardPage(branch).complete(branchOwner);
  await expect(branch.getByTestId('clinic-name')).toHaveText('王芳牙科');
  const patient = {
    name: '诸葛明月',
    idNumber: withCheck('11010519900101124'),
    sex: '女' as const,
    phone: '13800138002',
  };
  await new PatientsPage(branch).register(patient);

  // Its owner connects it: first what it brings and what happens, in English, then cancelled.
  await branch.goto('/#/sync');
  await branch.getByText('EN', { exact: true }).click();
  await askToConnect(branch, (await hub.store.createPairingCode(false)).code, '分诊所电脑');
  const summary = branch.getByTestId('sync-join-summary');
  await expect(summary.getByTestId('sync-join-patients')).toHaveText('1');
  await expect(summary.getByTestId('sync-join-staff')).toHaveText(['王芳 (wangfang)Owner']);
  await expect(summary).toContainText("The clinic's settings (clinic name, region, lock time)");
  await shoot(branch, 'en', '105-sync-join-with-data');
  await branch.keyboard.press('Escape');
  await expect(summary).toHaveCount(0);
  await expect(branch.getByTestId('sync-connect-form')).toBeVisible();
  expect(await hub.store.listDevices()).toHaveLength(1);

  // Then in Chinese, confirmed.
  await branch.getByText('中文', { exact: true }).click();
  await branch.getByTestId('sync-connect').click();
  await expect(summary.getByTestId('sync-join-staff')).toHaveText(['王芳 (wangfang)负责人']);
  await expect(summary).toContainText(
    '诊所设置（诊所名称、所在地区、锁屏时间）以同步服务上已有的为准',
  );
  await shoot(branch, 'zh-CN', '105-sync-join-with-data');
  // While the pairing request is on its way, the dialog cannot be dismissed: it shows the outcome.
  let answer: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (answer = resolve));
  let asked: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (asked = resolve));
  await branch.route('**/v1/pair', async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await branch.locator('#sync-join-confirm').click();
  await sent;
  const confirmDialog = branch.getByRole('dialog').filter({ has: summary });
  await expect(confirmDialog.getByRole('button', { name: /取\s*消/ })).toBeDisabled();
  await branch.keyboard.press('Escape');
  await expect(summary).toBeVisible();
  answer();
  await expect(branch.getByTestId('sync-linked')).toBeVisible();
  await branch.unroute('**/v1/pair');
  await syncBoth(desk, branch);

  // The clinic keeps its name on both; the branch's patient and owner are the clinic's now.
  for (const pc of [desk, branch]) {
    await expect(pc.getByTestId('clinic-name')).toHaveText(DEMO_CLINIC.clinicName);
    await new PatientsPage(pc).open();
    await new PatientsPage(pc).find('zgmy', patient.name);
    const staff = new StaffPage(pc);
    await staff.open();
    await expect(pc.getByText('wangfang', { exact: true })).toBeVisible();
  }
  await shoot(branch, 'zh-CN', '106-sync-joined-staff');
});

test('a PC joining an established clinic takes it part by part, and its daily review waits until it holds everything', async ({
  newWorkstation,
  page: desk,
}) => {
  test.setTimeout(240_000);
  await new SetupWizardPage(desk).complete(DEMO_CLINIC);
  await connect(desk, (await hub.store.createPairingCode(true)).code, '前台电脑');
  const patient = {
    name: '司马相如',
    idNumber: withCheck('44030519880412371'),
    sex: '男' as const,
    phone: '13800138001',
  };
  await new PatientsPage(desk).register(patient);
  await expect(desk.getByTestId('sync-indicator')).toHaveText('已同步');
  // The hub's maintenance (every minute) puts the log into snapshot parts; now, for the test.
  await hub.store.maintain(true);
  const history = (await hub.store.snapshotManifest()).segments.filter((s) => s.part === 'history');
  expect(history.length).toBeGreaterThan(0);

  // The new PC's network drops after the clinic's setup and its patients have arrived.
  const { context: chairContext, page: chair } = await newWorkstation('the new PC');
  const cut = (route: Route) => route.abort('internetdisconnected');
  for (const segment of history)
    await chairContext.route(`${hub.url}/v1/snapshot/segments/${segment.id}`, cut);
  await chair.goto('/');
  await chair.getByTestId('setup-join').click();
  await chair.getByTestId('sync-url').fill(hub.url);
  await chair.getByTestId('sync-code').fill((await hub.store.createPairingCode(false)).code);
  await chair.getByTestId('sync-device-name').fill('诊室二');
  await chair.getByTestId('sync-connect').click();
  const login = new LoginPage(chair);
  await login.expectShown();
  await login.login(DEMO_CLINIC.username, DEMO_CLINIC.password, DEMO_CLINIC.ownerName);

  // Patients are searchable already; the daily review says why it waits, and cannot be marked.
  const chairPatients = new PatientsPage(chair);
  await chairPatients.open();
  await chairPatients.find('smxr', patient.name);
  await chair.goto('/#/today/review');
  await expect(chair.getByTestId('sync-initial-gate')).toContainText('首次同步尚未完成');
  await expect(chair.getByTestId('sync-initial')).toHaveAttribute('data-parts', /patients/);
  await expect(chair.getByTestId('sync-initial')).not.toHaveAttribute('data-parts', /history/);
  await shoot(chair, 'zh-CN', '100-sync-first-sync-review');
  await chair.goto('/#/sync');
  await expect(chair.getByTestId('sync-initial')).toContainText('患者（完成后即可搜索）');
  await shoot(chair, 'zh-CN', '101-sync-first-sync-progress');
  await chair.getByText('EN', { exact: true }).click();
  await expect(chair.getByTestId('sync-initial')).toContainText('Patients (searchable once in)');
  await shoot(chair, 'en', '101-sync-first-sync-progress');

  // Back online, it takes the rest from where it stopped; the review opens up.
  for (const segment of history)
    await chairContext.unroute(`${hub.url}/v1/snapshot/segments/${segment.id}`, cut);
  await chair.getByTestId('sync-now').click();
  await expect(chair.getByTestId('sync-initial')).toHaveCount(0);
  await expect(chair.getByTestId('sync-indicator').first()).toHaveAttribute('data-state', 'online');
  await shoot(chair, 'en', '102-sync-linked');
  await chair.goto('/#/today/review');
  await expect(chair.getByTestId('sync-initial-gate')).toHaveCount(0);
});
