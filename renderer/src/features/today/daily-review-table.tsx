import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/patients/display';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { actorOf } from '../../db/staff';
import { markReviewed, type ReviewItem } from '../../db/verification-reviews';
import { errorMessage } from '../../ui/error-message';
import { FlagTags, OutcomeTag } from '../visits/check-tags';
import { useStaffNames } from '../visits/use-staff-names';
import { clinicClock } from './clinic-clock';
import { PatientLink } from './patient-link';

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (item: ReviewItem) =>
  ({
    'data-testid': 'review-item',
    'data-outcome': item.check.outcome,
    'data-reviewed': item.review ? 'yes' : 'no',
  }) as HTMLAttributes<HTMLElement>;

/** The insurance officer's list for the day (PRODUCT §7.4): look into each, then mark it. */
export const DailyReviewTable = ({
  items,
  me,
  readOnly = false,
}: {
  items: readonly ReviewItem[] | undefined;
  me: Staff;
  /** While this PC's first sync is incomplete: the list may lack checks made elsewhere. */
  readOnly?: boolean;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const staffName = useStaffNames();
  const [busy, setBusy] = useState<string>();

  const mark = async (item: ReviewItem) => {
    setBusy(item.check.id);
    try {
      await markReviewed(services, actorOf(me), item.check.id);
      void message.success(t('today.review.marked'));
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(undefined);
    }
  };

  const columns: ColumnsType<ReviewItem> = [
    {
      key: 'time',
      title: t('today.review.columns.time'),
      width: 90,
      render: (_, i) => clinicClock(i.check.at),
    },
    {
      key: 'patient',
      title: t('today.review.columns.patient'),
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <PatientLink patient={i.patient} />
          {i.patient && (
            <Typography.Text type="secondary">{maskIdNumber(i.patient.idNumber)}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'outcome',
      title: t('today.review.columns.outcome'),
      render: (_, i) => <OutcomeTag outcome={i.check.outcome} />,
    },
    {
      key: 'details',
      title: t('today.review.columns.details'),
      render: (_, i) => (
        <Space orientation="vertical" size={4}>
          {i.check.reason && (
            <Typography.Text>
              {t('visits.timeline.reason', { reason: i.check.reason })}
            </Typography.Text>
          )}
          {i.check.overriddenBy && (
            <Typography.Text>
              {t('visits.timeline.overriddenBy', { name: staffName(i.check.overriddenBy) })}
            </Typography.Text>
          )}
          <FlagTags flags={i.check.flags} />
        </Space>
      ),
    },
    { key: 'by', title: t('today.review.columns.by'), render: (_, i) => staffName(i.check.by) },
    {
      key: 'reviewed',
      title: t('today.review.columns.reviewed'),
      render: (_, i) =>
        i.review ? (
          <Typography.Text type="success" data-testid="reviewed-by">
            <CheckOutlined />{' '}
            {t('today.review.reviewedBy', {
              name: staffName(i.review.reviewedBy),
              time: clinicClock(i.review.reviewedAt),
            })}
            {i.review.also?.map((other) => (
              <span key={other.hlc} data-testid="reviewed-also">
                {' · '}
                {t('today.review.reviewedAlso', {
                  name: staffName(other.reviewedBy),
                  time: clinicClock(other.reviewedAt),
                })}
              </span>
            ))}
          </Typography.Text>
        ) : (
          <Button
            size="small"
            loading={busy === i.check.id}
            disabled={readOnly}
            onClick={() => void mark(i)}
            data-testid="mark-reviewed"
          >
            {t('today.review.mark')}
          </Button>
        ),
    },
  ];

  return (
    <Table<ReviewItem>
      rowKey={(i) => i.check.id}
      columns={columns}
      dataSource={items as ReviewItem[] | undefined}
      loading={items === undefined}
      onRow={rowProps}
      pagination={false}
      size="middle"
      locale={{ emptyText: t('today.review.empty') }}
    />
  );
};
