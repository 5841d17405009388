import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { shoot } from './screenshots';

const words = {
  'zh-CN': { anchored: '与本机保存的检查点一致', shorter: '审计链比检查点短' },
  en: {
    anchored: 'matches the checkpoint this PC keeps',
    shorter: 'Chain shorter than its checkpoint',
  },
} as const;

for (const language of ['zh-CN', 'en'] as const) {
  test(`audit events deleted at the end are found by the checkpoint kept outside the store (${language})`, async ({
    page,
  }) => {
    const audit = new AuditPage(page);
    await setUpClinic(page);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    await audit.open();

    await expect(await audit.verifyChain()).toContainText(words[language].anchored);
    await shoot(page, language, '116-audit-chain-anchored');

    const [checkpoint] = await audit.checkpoints();
    expect(checkpoint!.seq).toBeGreaterThan(2);
    const { lastSeq, checkpointSeq } = await audit.deleteLastEvents(2);
    expect(checkpointSeq).toBe(checkpoint!.seq);

    const result = await audit.verifyChain();
    await expect(result.getByTestId('anchor-alarm')).toHaveAttribute('data-status', 'shorter');
    await expect(result).toContainText(words[language].shorter);
    await expect(result).toContainText(String(lastSeq));
    await expect(result).toContainText(String(checkpointSeq));
    await shoot(page, language, '117-audit-chain-shorter');
  });
}
