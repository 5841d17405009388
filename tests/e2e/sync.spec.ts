import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { startHub, type RunningHub } from '../../server/hub/hub';
import { DEMO_CLINIC } from './pages/setup-wizard-page';
import { LoginPage } from './pages/login-page';
import { PatientsPage } from './pages/patients-page';
import { SetupWizardPage } from './pages/setup-wizard-page';
import { shoot } from './screenshots';

const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

let hub: RunningHub;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-e2e-hub-'));
  hub = await startHub({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    clock: { now: () => Date.now() },
    log: () => undefined,
  });
});

test.afterEach(async () => {
  await hub.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Connects a PC in use to the hub from its Sync screen. */
const connect = async (page: Page, code: string, deviceName: string) => {
  await page.goto('/#/sync');
  await page.getByTestId('sync-url').fill(hub.url);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-device-name').fill(deviceName);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-linked')).toBeVisible();
};

test('a second workstation joins the clinic, and a patient registered at the desk is found at the chair', async ({
  browser,
  page: desk,
}) => {
  test.slow(); // two workstations
  await new SetupWizardPage(desk).complete(DEMO_CLINIC);
  const { code: first } = await hub.store.createPairingCode(true);

  // The first PC links up with a code the hub printed, and names the clinic on the hub.
  await connect(desk, first, '前台电脑');
  await expect(desk.getByTestId('sync-indicator').first()).toHaveAttribute('data-state', 'online');
  await desk.getByTestId('sync-create-code').click();
  const code = (await desk.getByTestId('sync-pairing-code').textContent())!.trim();
  await shoot(desk, 'zh-CN', '95-sync-screen');

  // A new PC joins from its first screen: no wizard, the clinic's accounts arrive, then login.
  const { baseURL, viewport } = test.info().project.use;
  const chairContext = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const chair = await chairContext.newPage();
  await chair.goto('/');
  await chair.getByTestId('setup-join').click();
  await chair.getByTestId('sync-code').fill('12');
  await chair.getByTestId('sync-connect').click();
  await expect(chair.getByText('配对码为 8 位字母或数字')).toBeVisible();
  await expect(
    chair.getByText('请输入以 http:// 或 https:// 开头的地址', { exact: false }),
  ).toBeVisible();
  await shoot(chair, 'zh-CN', '96-sync-join-errors');
  await chair.getByTestId('sync-url').fill(hub.url);
  await chair.getByTestId('sync-code').fill(code);
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

  // The devices list names both PCs on the owner's Sync screen.
  await desk.goto('/#/sync');
  await expect(desk.getByTestId('sync-devices')).toContainText('诊室一');
  await expect(desk.getByTestId('sync-devices')).toContainText('前台电脑');
  await chairContext.close();
});
