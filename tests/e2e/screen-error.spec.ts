import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { patchPatient, seedPatients } from './pages/today-page';
import { shoot } from './screenshots';

test('a record that cannot be drawn breaks only its screen, and the desk goes on elsewhere', async ({
  page,
}) => {
  await setUpClinic(page);
  const [patient] = await seedPatients(page, 5);
  if (!patient) throw new Error('seed gave no patient');
  // A damaged record, as a faulty disk or an old bug could leave it: its name is not text.
  await patchPatient(page, patient.id, { name: { damaged: true } });
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));

  await page.goto(`/#/patients/${patient.id}`);
  const failed = page.getByTestId('screen-error');
  await expect(failed).toContainText('这个页面出错了');
  await expect(failed).toContainText('已保存的内容不受影响');
  await shoot(page, 'zh-CN', '103-screen-error');
  // And in English, where the words are the clinic's too.
  await page.getByText('EN', { exact: true }).click();
  await expect(failed).toContainText('This screen ran into an error');
  await shoot(page, 'en', '103-screen-error');
  await page.getByText('中文', { exact: true }).click();
  // The shell is still there: the sidebar opens another screen, and the error is gone.
  await page.getByRole('menuitem', { name: '今日' }).click();
  await expect(page.getByTestId('quick-check-in')).toBeVisible();
  await expect(failed).toHaveCount(0);
  // What was logged names the kind of error, not the record's content.
  expect(logged.join('\n')).toContain('screen failed to draw');
  expect(logged.join('\n')).not.toContain(patient.idNumber);
});
