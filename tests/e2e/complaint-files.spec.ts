import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { setUpClinic, test } from './fixtures';
import { ComplaintsPage } from './pages/complaints-page';
import { shoot } from './screenshots';

type DevHook = {
  db: {
    complaintEvents: { toArray(): Promise<{ id: string; facts: { kind: string } }[]> };
    attachments: {
      toArray(): Promise<{ id: string; name?: string; kind: string; blob?: unknown }[]>;
      update(id: string, changes: Record<string, unknown>): Promise<number>;
    };
  };
};

/** The complaint files the store holds (without their bytes), and the steps. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    const files = (await db.attachments.toArray())
      .filter((a) => a.kind === 'complaint-file')
      .map((row) => ({ ...row, blob: undefined, hasBlob: row.blob instanceof Blob }));
    return { files, events: await db.complaintEvents.toArray() };
  });

// A 1×1 PNG and a tiny PDF, as a phone photo of a letter and a scan would come.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test('a letter photo and a scan kept with a complaint step; a Word file and 6 MB refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  await complaints.fill({
    category: '医保结算/收费',
    name: '王先生',
    description: '来信反映多收费',
  });
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  await complaints.openRow('王先生');

  await complaints.step('note');
  await complaints.text('text', '收到投诉人来信及收费单据');
  const dialog = complaints.dialog();
  const picker = dialog.locator('input[type=file]');
  await picker.setInputFiles({ name: '说明.docx', mimeType: DOCX, buffer: Buffer.from('PK') });
  const refusal =
    '“说明.docx”不能附加：只能附加图片（JPEG、PNG、WebP）或 PDF 文件，每个不超过 5 MB。没有保存任何内容。';
  await expect(dialog).toContainText(refusal);
  await shoot(page, 'zh-CN', '155-complaint-file-refused');
  await picker.setInputFiles({
    name: 'big.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(6 * 1024 * 1024, 1),
  });
  await expect(dialog).toContainText('“big.png”不能附加');
  await expect(dialog.locator('.ant-upload-list-item')).toHaveCount(0);

  await picker.setInputFiles([
    { name: '来信.png', mimeType: 'image/png', buffer: PNG },
    { name: '收费单.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]);
  await expect(dialog.locator('.ant-upload-list-item')).toHaveCount(2);
  await expect(dialog).not.toContainText('不能附加');
  await complaints.submitStep();

  const links = complaints.timeline().getByTestId('timeline-file');
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toContainText('来信.png');
  await expect(links.nth(1)).toContainText('收费单.pdf');
  await expect(links.nth(0)).toHaveAttribute('href', /^blob:/);
  await expect(links.nth(1)).toHaveAttribute('download', '收费单.pdf');
  // The link saves the very bytes that were picked, under the file's name.
  const downloading = page.waitForEvent('download');
  await links.nth(1).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('收费单.pdf');
  expect(readFileSync(await download.path())).toEqual(PDF);
  await shoot(page, 'zh-CN', '156-complaint-files-timeline');

  const { files, events } = await stored(page);
  const note = events.find((e) => e.facts.kind === 'note')!;
  expect(files).toHaveLength(2);
  expect(files).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        ownerId: note.id,
        kind: 'complaint-file',
        name: '来信.png',
        mime: 'image/png',
        size: PNG.length,
        blobHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hasBlob: true,
      }),
      expect.objectContaining({
        ownerId: note.id,
        name: '收费单.pdf',
        mime: 'application/pdf',
        size: PDF.length,
        hasBlob: true,
      }),
    ]),
  );

  // As on a PC whose copy of the row came by sync before the bytes did.
  const pdfRow = files.find((f) => f.name === '收费单.pdf')!;
  await page.evaluate(async (id) => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    await db.attachments.update(id, { blob: undefined });
  }, pdfRow.id);
  await expect(complaints.timeline().getByTestId('timeline-file-arriving')).toHaveText(
    /收费单\.pdf · 文件尚未从同步服务器传来/,
  );

  // The same in English.
  await page.getByText('EN', { exact: true }).click();
  await expect(complaints.timeline().getByTestId('timeline-file-arriving')).toContainText(
    'The file has not arrived from the sync server yet',
  );
  await shoot(page, 'en', '157-complaint-files-timeline');
  await complaints.step('note');
  await complaints
    .dialog()
    .locator('input[type=file]')
    .setInputFiles({ name: 'notes.docx', mimeType: DOCX, buffer: Buffer.from('PK') });
  await expect(complaints.dialog()).toContainText(
    '"notes.docx" cannot be attached: only images (JPEG, PNG, WebP) or PDF files of at most 5 MB each. Nothing was saved.',
  );
  await shoot(page, 'en', '158-complaint-file-refused');
});
