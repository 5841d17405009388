import { expect, test } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { setUpClinic } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { PatientsPage, type NewPatient } from './pages/patients-page';

const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

/** 张三: a man (odd sequence 123) born 1990-03-07 in Beijing's Xicheng district. */
const ZHANG_SAN: NewPatient = {
  name: '张三',
  idNumber: withCheck('11010219900307123'),
  phone: '13812345678',
  scheme: '职工医保',
  province: '广东省',
  city: '深圳市',
  cardNumber: 'A10000001',
};

test('registering with a bad ID number says what is wrong with it', async ({ page }) => {
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.openRegistration();

  await patients.submit();
  await expect(patients.problemOf('姓名')).toHaveText('必填');
  await expect(patients.problemOf('证件号码')).toHaveText('必填');
  await expect(patients.problemOf('参保类型')).toHaveText('必填');

  const idProblem = patients.problemOf('证件号码');
  const typeId = async (value: string) => {
    await patients.field('证件号码').fill(value);
    await patients.field('证件号码').blur();
  };
  await typeId('1101021990030712');
  await expect(idProblem).toHaveText(
    '位数不对。居民身份证号码为 18 位（17 位数字加一位数字或 X）；旧版为 15 位数字。',
  );
  await typeId('11010219900307123A');
  await expect(idProblem).toContainText('含有不允许的字符。');
  const valid = withCheck('11010219900307123');
  await typeId(valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0'));
  await expect(idProblem).toContainText('校验位不对');
  await typeId(withCheck('11010219900230123'));
  await expect(idProblem).toContainText('号码中的出生日期不存在');
  await typeId(withCheck('11010220990101123'));
  await expect(idProblem).toContainText('号码中的出生日期晚于今天');

  await patients.chooseIdType('港澳台居民居住证');
  await typeId(valid);
  await expect(idProblem).toContainText('开头不对。居住证号码为 18 位，以 810000（香港）');
  await patients.chooseIdType('护照');
  await typeId('ABCDEFG');
  await expect(idProblem).toContainText('格式不对。护照号码为 5–17 位字母和数字');

  // A valid number fills birth date and sex; a birth date typed over it contradicts the number.
  await patients.chooseIdType('居民身份证');
  await typeId(valid);
  await expect(idProblem).toHaveCount(0);
  await expect(patients.field('出生日期')).toHaveValue('1990-03-07');
  await expect(page.getByRole('radio', { name: '男' })).toBeChecked();
  await patients.field('出生日期').fill('19900308');
  await patients.field('出生日期').blur();
  await expect(patients.field('出生日期')).toHaveValue('1990-03-08');
  await expect(patients.problemOf('出生日期')).toHaveText(
    '与证件号码不符：号码中的出生日期是 1990-03-07',
  );
});

test('张三 is registered once and found by zs, zhangsan, 张, phone tail and ID tail', async ({
  page,
}) => {
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.register(ZHANG_SAN);

  await expect(patients.idNumberShown()).toHaveText(
    `**************${ZHANG_SAN.idNumber.slice(-4)}`,
  );
  await page.getByTestId('patient-id-toggle').click();
  await expect(patients.idNumberShown()).toHaveText(ZHANG_SAN.idNumber);
  await expect(page.getByText('没有照片：就诊核对“人”时无法比对')).toBeVisible();

  await patients.open();
  await expect(page.getByTestId('patient-search-hints')).toContainText('拼音首字母，如 zs');
  for (const query of ['zs', 'zhangsan', '张', '5678', ZHANG_SAN.idNumber.slice(-6)]) {
    await patients.find(query, '张三');
    await expect(patients.rows().first()).toContainText('*******5678');
  }
  await patients.searchBox().fill('nobody-like-this');
  await expect(page.getByTestId('patient-none')).toContainText(
    '没有找到与“nobody-like-this”匹配的患者',
  );

  // From the keyboard: type, Enter opens the highlighted row; back returns to the same list.
  await patients.searchBox().fill('zs');
  await expect(patients.rows()).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toHaveText('张三');
  await page.goBack();
  await expect(patients.searchBox()).toHaveValue('zs');

  // Every opening of the record is in the audit log (PRODUCT §3.5).
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rowsWithAction('view').filter({ hasText: '张三' })).toHaveCount(2);
});

test('a second registration with the same ID number warns and needs an explicit confirmation', async ({
  page,
}) => {
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.register(ZHANG_SAN);

  const impostor = { ...ZHANG_SAN, name: '张叁', phone: '13900001111', cardNumber: 'B20000002' };
  await patients.openRegistration();
  await patients.fill(impostor);
  await patients.submit();
  const warning = patients.duplicateWarning();
  await expect(warning).toContainText('此人可能已经登记过');
  await expect(warning.getByTestId('duplicate-row')).toHaveCount(1);
  await expect(warning).toContainText('张三');
  await expect(warning).toContainText('证件号码相同');
  await expect(warning).toContainText(`**************${ZHANG_SAN.idNumber.slice(-4)}`);
  await expect(warning).not.toContainText(ZHANG_SAN.idNumber);
  // Enter on the focused link opens the existing patient rather than registering a second one.
  await expect(warning.getByRole('link', { name: '打开该患者' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toHaveText('张三');

  await patients.openRegistration();
  await patients.fill(impostor);
  await patients.submit();
  await page.getByTestId('duplicate-confirm').click();
  await expect(page.getByTestId('patient-name')).toHaveText('张叁');
  await patients.open();
  await patients.searchBox().fill(ZHANG_SAN.idNumber.slice(-4));
  await expect(patients.rows()).toHaveCount(2);
});

test('changing the name needs a reason, and the audit log shows the old and new name', async ({
  page,
}) => {
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.register(ZHANG_SAN);

  await page.getByTestId('patient-edit').click();
  await expect(patients.field('姓名')).toBeFocused();
  await patients.field('姓名').fill('张叁');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '修改身份信息需要说明原因' });
  await expect(dialog).toContainText('姓名：张三 → 张叁');
  await dialog.getByTestId('patient-reason-confirm').click();
  await expect(dialog.getByText('必填')).toBeVisible();
  await expect(dialog.getByTestId('patient-reason')).toBeFocused();
  await page.keyboard.type('登记时输错，已核对身份证原件');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toHaveText('张叁');

  // A change of phone needs no reason.
  await page.getByTestId('patient-edit').click();
  await patients.field('手机号').fill('13700009999');
  await page.keyboard.press('Enter');
  await expect(page.getByText('13700009999')).toBeVisible();

  const audit = new AuditPage(page);
  await audit.open();
  const rename = audit.rows().filter({ hasText: '登记时输错，已核对身份证原件' });
  await expect(rename).toHaveCount(1);
  await expect(rename).toContainText('张三 → 张叁');
});

type SeededPatient = { name: string; phone?: string; idNumber: string };
type DevHook = {
  seed: (patients: number, endDate: string) => Promise<{ patients: number }>;
  db: {
    patients: {
      toCollection: () => {
        offset: (n: number) => {
          filter: (f: (p: SeededPatient) => boolean) => { first: () => Promise<SeededPatient> };
        };
      };
    };
  };
};

test('at 100,000 patients the search still answers and keeps the list virtualized', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await setUpClinic(page);
  const { seeded, sample } = await page.evaluate(async () => {
    const dev = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const done = await dev.seed(100_000, '2026-11-22');
    const somebody = await dev.db.patients
      .toCollection()
      .offset(54_321)
      .filter((p) => p.phone !== undefined && /^\p{Script=Han}+$/u.test(p.name))
      .first();
    return { seeded: done.patients, sample: somebody };
  });
  expect(seeded).toBe(100_000);

  const patients = new PatientsPage(page);
  await patients.open();
  await patients.searchBox().fill('z');
  await expect(page.getByTestId('patient-count')).toHaveText(
    '只显示前 100 位，请继续输入以缩小范围',
  );
  const inDom = await patients.rows().count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(50);

  // Scrolling with the keyboard moves the window of rows, not the number of them.
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator('#patient-option-60')).toHaveAttribute('aria-selected', 'true');
  expect(await patients.rows().count()).toBeLessThan(50);

  await patients.find(sample.name, sample.name);
  await patients.find(sample.name.slice(0, 1), sample.name.slice(0, 1));
  await patients.find(sample.phone!.slice(-4), sample.name);
  await patients.find(sample.idNumber.slice(-6).toLowerCase(), sample.name);
});
