import { Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { fen, formatYuan } from '../../../../shared/money';
import type { ConsentState } from '../../db/consents';
import type { NoticeSummary } from '../../db/visit-plan';
import { useStaffNames } from '../visits/use-staff-names';
import type { VisitNotice } from './use-visit-plan';

const STATE_COLORS: Record<ConsentState, string> = {
  signed: 'green',
  refused: 'red',
  voided: 'default',
};

type Allowed = { canOpen: boolean; canVoid: boolean; onVoid: (consent: NoticeSummary) => void };

const NoticeRow = ({ notice, canOpen, canVoid, onVoid }: Allowed & { notice: VisitNotice }) => {
  const { t } = useTranslation();
  const staffName = useStaffNames();
  const { consent, voided, state } = notice;
  const { content } = consent;
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={12}
      className="notice-row"
      data-testid="visit-notice"
      data-state={state}
      data-version={content.version}
    >
      <Space orientation="vertical" size={0}>
        <Space wrap>
          <Typography.Text strong>
            {t('consents.notices.version', { version: content.version })}
          </Typography.Text>
          <Tag color={STATE_COLORS[state]}>{t(`consents.notices.state.${state}`)}</Tag>
          {content.previous && (
            <Typography.Text type="secondary">
              {t('consents.notices.corrects', { version: content.previous.version })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{formatClinicTime(consent.signedAt)}</Typography.Text>
          {state !== 'refused' && (
            <Typography.Text>
              {t('consents.notices.total', { amount: formatYuan(fen(content.selfPayTotalFen)) })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            {content.lines.map((l) => l.name).join('、')}
          </Typography.Text>
        </Space>
        {voided && (
          <Typography.Text type="secondary" data-testid="notice-voided">
            {t('consents.notices.voided', {
              name: staffName(voided.voidedBy),
              at: formatClinicTime(voided.voidedAt),
              reason: voided.reason,
            })}
          </Typography.Text>
        )}
        {voided?.also?.map((other) => (
          <Typography.Text key={other.hlc} type="secondary" data-testid="notice-voided-also">
            {t('consents.notices.voidedAlso', {
              name: staffName(other.voidedBy),
              at: formatClinicTime(other.voidedAt),
              reason: other.reason,
            })}
          </Typography.Text>
        ))}
      </Space>
      <Space>
        {canOpen && (
          <Typography.Link href={`#/consents/${consent.id}`} data-testid="notice-open">
            {t('consents.notices.open')}
          </Typography.Link>
        )}
        {canVoid && !voided && (
          <Button size="small" danger onClick={() => onVoid(consent)} data-testid="notice-void">
            {t('consents.notices.void')}
          </Button>
        )}
      </Space>
    </Flex>
  );
};

/** The visit's notices, newest first: each links to its printable page and may be voided. */
export const NoticesList = ({
  notices,
  ...allowed
}: Allowed & { notices: readonly VisitNotice[] }) => {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('consents.notices.title')} data-testid="visit-notices">
      {notices.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consents.notices.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {notices.map((notice) => (
            <NoticeRow key={notice.consent.id} notice={notice} {...allowed} />
          ))}
        </Flex>
      )}
    </Card>
  );
};
