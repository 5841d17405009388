import { expect, type Page } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { setUpClinic, test } from './fixtures';
import { PatientsPage } from './pages/patients-page';
import { shoot } from './screenshots';

const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

/** 张小明, ten years old on the pages' day (fixtures.ts). */
const CHILD = {
  name: '张小明',
  idNumber: withCheck('11010520160504123'),
  scheme: '自费',
} as const;

const savedPatient = (page: Page, name: string) =>
  page.evaluate(async (name) => {
    const { db } = (
      globalThis as unknown as {
        __clinicdeskDev: { db: { patients: { toArray(): Promise<Record<string, unknown>[]> } } };
      }
    ).__clinicdeskDev;
    return (await db.patients.toArray()).find((p) => p.name === name);
  }, name);

test('a child is registered with a guardian, who shows on the record and stays through an edit', async ({
  page,
}) => {
  test.slow(); // setup, a registration with its mistakes, an edit, both languages
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.openRegistration();
  await expect(page.getByTestId('guardian-fields')).toHaveCount(0);
  await patients.fill(CHILD);
  // The ID number made the birth date a child's: the guardian's boxes appear, required.
  const guardian = page.getByTestId('guardian-fields');
  await expect(guardian).toContainText('未满 18 岁的患者须登记监护人');
  await patients.submit();
  await expect(patients.problemOf('监护人姓名')).toHaveText('必填');
  await expect(patients.problemOf('与患者关系')).toHaveText('必填');
  await expect(patients.problemOf('监护人手机号')).toHaveText('必填');
  await patients.field('监护人姓名').fill('张建华');
  await patients.field('与患者关系').click();
  await page.getByTitle('父母', { exact: true }).click();
  await patients.field('监护人手机号').fill('1381234');
  await patients.field('监护人证件号码').fill('110105');
  await patients.submit();
  await expect(patients.problemOf('监护人手机号')).toContainText('手机号');
  await expect(patients.problemOf('监护人证件号码')).toContainText('18');
  await shoot(page, 'zh-CN', '114-register-child-guardian');
  await patients.field('监护人手机号').fill('13812345678');
  await patients.field('监护人证件号码').fill('');
  await patients.submit();

  await expect(page.getByTestId('patient-name')).toHaveText(CHILD.name);
  await expect(page.getByTestId('patient-guardian')).toContainText('张建华（父母） 13812345678');
  expect((await savedPatient(page, CHILD.name))?.guardian).toEqual({
    name: '张建华',
    relation: 'parent',
    phone: '13812345678',
  });
  await shoot(page, 'zh-CN', '115-child-record-guardian');

  // An edit opens with the guardian filled in and keeps it.
  await page.getByTestId('patient-edit').click();
  await expect(patients.field('监护人姓名')).toHaveValue('张建华');
  await patients.field('监护人手机号').fill('13900001111');
  await patients.submit();
  await expect(page.getByTestId('patient-guardian')).toContainText('13900001111');
  expect((await savedPatient(page, CHILD.name))?.guardian).toMatchObject({
    name: '张建华',
    phone: '13900001111',
  });

  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('patient-guardian')).toContainText('张建华 (Parent)');
  await shoot(page, 'en', '115-child-record-guardian');
  await page.getByTestId('patient-edit').click();
  await expect(page.getByTestId('guardian-fields')).toContainText('A patient under 18');
  await shoot(page, 'en', '114-register-child-guardian');
});
