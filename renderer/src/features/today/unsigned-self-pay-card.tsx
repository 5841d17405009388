import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import { UnsignedItemsTable, useUnsignedItems } from '../consents/unsigned-items-table';

/**
 * The insurance officer's daily review, second half (PRODUCT.md §2.4, §7.4): self-pay items planned
 * today that nobody has signed for yet, each opening its visit's plan.
 */
export const UnsignedSelfPayCard = ({ date }: { date: CalendarDate }) => {
  const { t } = useTranslation();
  const rows = useUnsignedItems(date);
  return (
    <Card
      size="small"
      title={t('notice.unsigned.title', { count: rows?.length ?? 0 })}
      data-testid="unsigned-self-pay-card"
    >
      <Typography.Paragraph type="secondary">{t('notice.unsigned.intro')}</Typography.Paragraph>
      <UnsignedItemsTable rows={rows} />
    </Card>
  );
};
