import { expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { setUpClinic, test } from './fixtures';
import { ComplaintsPage } from './pages/complaints-page';
import { shoot } from './screenshots';

/** The values of a sheet's rows, from the second (under the headers) on. */
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

test('the monthly complaints report: figures, tables, an empty month, the .xlsx export, print', async ({
  page,
}) => {
  test.slow(); // a clinic set up, two complaints taken through their steps, an export
  await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const complaints = new ComplaintsPage(page);
  await complaints.open();

  // Two complaints: one handled to the end, one left anonymous in the suggestion box, still open.
  await complaints.fill({
    category: '医保结算/收费',
    name: '张先生',
    phone: '13800138000',
    description: '医保结算多收了一项检查费，要求退还。',
  });
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  await complaints.fill({
    category: '候诊时间',
    channel: '意见箱',
    description: '周三上午候诊超过两个小时，没有人解释原因。',
  });
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  await expect(complaints.rows()).toHaveCount(2);

  await complaints.openRow('张先生');
  await complaints.step('contacted');
  await complaints.submitStep();
  await complaints.step('resolved');
  await complaints.text('text', '核实后已退还多收的检查费');
  await complaints.submitStep();
  await complaints.step('closed');
  await complaints.text('feedback', '电话告知处理结果，投诉人认可');
  await complaints.pickFirst('satisfaction');
  await complaints.text('cause', '收费员误选了检查项目');
  await complaints.text('measure', '结算前由医保专员复核项目');
  await complaints.submitStep();
  await expect(complaints.state()).toHaveText('已结案');

  // One consultation at the desk, about fees: counted beside the complaints.
  await complaints.open();
  await page.getByTestId('tab-consultations').click();
  await page.getByTestId('consultation-topic').click();
  await page.getByTitle('收费/费用', { exact: true }).click();
  await page.getByTestId('consultation-question').fill('自费项目能开发票吗？');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('consultation-table').locator('tbody tr[data-testid]')).toHaveCount(
    1,
  );

  // From the list to the report, from the keyboard: it opens on this month.
  await complaints.open();
  await page.getByTestId('complaint-report').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/complaints\/report$/);
  await expect(page.getByTestId('report-period')).toHaveText(
    '2026-11-01 至 2026-11-30（北京时间）',
  );
  const figure = (key: string) => page.getByTestId(`report-figure-${key}`);
  await expect(figure('received')).toContainText('2');
  await expect(figure('closed')).toContainText('1');
  await expect(figure('closedWithinDeadline')).toContainText('1');
  await expect(figure('handlingRate')).toContainText('50.0%');
  await expect(figure('open')).toContainText('1');
  await expect(figure('overdue')).toContainText('0');
  await expect(figure('consultations')).toContainText('1');
  await expect(page.getByTestId('report-by-topic')).toContainText('收费/费用');
  await expect(figure('medianFirstContact')).toContainText('小时');
  await expect(page.getByTestId('report-by-channel-phone')).toContainText('150.0%');
  await expect(page.getByTestId('report-by-channel-suggestion-box')).toContainText('意见箱150.0%');
  await expect(page.getByTestId('report-by-category-waiting')).toContainText('候诊时间150.0%');
  await expect(page.getByTestId('report-by-category-privacy')).toContainText('00.0%');
  await expect(page.getByTestId('report-by-channel-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('report-open').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('report-open')).toContainText('候诊时间');
  await expect(page.getByTestId('report-open')).toContainText('待处理');
  await expect(page.getByTestId('report-causes')).toContainText('收费员误选了检查项目');
  await expect(page.getByTestId('report-causes')).toContainText('结算前由医保专员复核项目');
  await shoot(page, 'zh-CN', '140-complaint-report');

  // The .xlsx, read back as a person would open it.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('投诉统计_2026-11-01_2026-11-30.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets.map((s) => s.name)).toEqual([
    '汇总',
    '按渠道',
    '按类别',
    '咨询',
    '投诉清单',
    '原因与整改',
  ]);
  const [summary, byChannel, byCategory, byTopic, list, causes] = workbook.worksheets as [
    ExcelJS.Worksheet,
    ExcelJS.Worksheet,
    ExcelJS.Worksheet,
    ExcelJS.Worksheet,
    ExcelJS.Worksheet,
    ExcelJS.Worksheet,
  ];
  expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['项目', '数值']);
  expect(rowsOf(summary).slice(0, 5)).toEqual([
    ['日期范围', '2026-11-01 至 2026-11-30（北京时间）'],
    ['收到投诉', 2],
    ['已结案', 1],
    ['按时办结', 1],
    ['按时办结率', 0.5],
  ]);
  expect(summary.getRow(6).getCell(2).numFmt).toBe('0.0%');
  expect(rowsOf(byChannel)).toContainEqual(['电话', 1, '50.0%']);
  expect(rowsOf(byChannel)).toContainEqual(['意见箱', 1, '50.0%']);
  expect(rowsOf(byChannel).at(-1)).toEqual(['合计', 2, '100.0%']);
  expect(rowsOf(byCategory)).toContainEqual(['医保结算/收费', 1, '50.0%']);
  expect(rowsOf(byTopic)).toEqual([
    ['收费/费用', 1],
    ['合计', 1],
  ]);
  expect((list.getRow(1).values as unknown[]).slice(1)).toEqual([
    '收到时间',
    '渠道',
    '类别',
    '程度',
    '状态',
    '办结时限',
    '结案时间',
    '按时办结',
  ]);
  const listed = rowsOf(list);
  expect(listed).toHaveLength(2);
  expect(listed.map((row) => row.slice(1, 6))).toEqual(
    expect.arrayContaining([
      ['电话', '医保结算/收费', '一般', '已结案', '2026-11-30'],
      // Anonymous (no name given): nobody to call back, so it waits to be looked into.
      ['意见箱', '候诊时间', '一般', '待处理', '2026-11-30'],
    ]),
  );
  expect(listed.find((row) => row[1] === '电话')!.at(7)).toBe('是');
  expect(listed.find((row) => row[1] === '意见箱')!.at(7)).toBe('未到期');
  expect(rowsOf(causes)).toEqual([
    [
      expect.stringMatching(/^2026-11-25 10:/),
      '医保结算/收费',
      expect.stringMatching(/^2026-11-25 /),
      '收费员误选了检查项目',
      '结算前由医保专员复核项目',
    ],
  ]);

  // Printing shows the report alone: no sidebar, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-sider')).toBeHidden();
  await expect(page.getByTestId('report-export')).toBeHidden();
  await shoot(page, 'zh-CN', '141-complaint-report-print');
  await page.emulateMedia({ media: 'screen' });

  // A custom range of one day, typed: the same two complaints, the month picker set aside.
  await page.getByTestId('report-custom').check();
  await expect(page.getByTestId('report-month')).toBeDisabled();
  await page.getByRole('textbox', { name: '日期范围' }).first().click();
  await page.keyboard.type('2026-11-25');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2026-11-25');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-period')).toHaveText(
    '2026-11-25 至 2026-11-25（北京时间）',
  );
  await expect(figure('received')).toContainText('2');
  await page.getByTestId('report-custom').uncheck();
  await expect(page.getByTestId('report-period')).toHaveText(
    '2026-11-01 至 2026-11-30（北京时间）',
  );

  // Last month, picked from the keyboard: nothing was received, and it says so without charts.
  await page.getByTestId('report-month').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2026-10');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-period')).toHaveText(
    '2026-10-01 至 2026-10-31（北京时间）',
  );
  await expect(page.getByTestId('report-empty')).toHaveText(
    '2026-10-01 至 2026-10-31 没有收到投诉。',
  );
  await expect(page.getByTestId('report-by-channel-chart')).toHaveCount(0);
  await expect(figure('handlingRate')).toContainText('—');
  await expect(page.getByTestId('report-open').locator('tbody tr.ant-table-row')).toHaveCount(0);
  await shoot(page, 'zh-CN', '142-complaint-report-empty');

  // The same report in English.
  await page.getByText('EN', { exact: true }).click();
  await page.getByTestId('report-month').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2026-11');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-period')).toHaveText(
    '2026-11-01 to 2026-11-30 (Beijing time)',
  );
  await expect(figure('handlingRate')).toContainText('On-time closing rate50.0%');
  await expect(page.getByTestId('report-causes')).toContainText('Corrective measure');
  await shoot(page, 'en', '143-complaint-report');
});
