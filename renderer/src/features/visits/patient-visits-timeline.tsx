import { Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { Verification, VerificationReview } from '../../../../shared/visits/verification';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { useSession } from '../../app/session-store';
import { patientTimeline, type TimelineVisit } from '../../db/visits';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { FlagTags, OutcomeTag, VisitStatusTag } from './check-tags';
import { useStaffNames } from './use-staff-names';

/**
 * A patient's visits (and those of the records merged into it), newest first, each with every
 * identity check made on it (issue 3 item 7).
 */
export const PatientVisitsTimeline = ({ patientIds }: { patientIds: readonly string[] }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  const key = patientIds.join(',');
  const visits = useLiveQuery(() => patientTimeline(db, actor, patientIds), [db, actor, key]);
  if (visits === undefined) return null;
  if (visits.length === 0) return <Empty description={t('visits.timeline.empty')} />;
  return (
    <Timeline
      data-testid="visit-timeline"
      items={visits.map((entry) => ({
        key: entry.visit.id,
        color:
          entry.visit.status === 'failed'
            ? 'red'
            : entry.visit.status === 'verified'
              ? 'green'
              : 'gray',
        content: <VisitEntry entry={entry} />,
      }))}
    />
  );
};

const VisitEntry = ({ entry }: { entry: TimelineVisit }) => {
  const { t } = useTranslation();
  const { visit, checks, reviews } = entry;
  const roles = useSession((state) => state.staff?.roles);
  return (
    <Flex vertical gap={4} data-testid="timeline-visit">
      <Space wrap>
        <Typography.Text strong>{visit.date}</Typography.Text>
        <VisitStatusTag status={visit.status} />
        <Tag>{t(`visits.settlement.${visit.settlement}`)}</Tag>
        {visit.selfPayReason && (
          <Typography.Text type="secondary">
            {t('visits.timeline.selfPay', { reason: visit.selfPayReason })}
          </Typography.Text>
        )}
        {can(roles, 'consent.view') && (
          <Typography.Link href={`#/consents/visit/${visit.id}`} data-testid="timeline-plan">
            {t('consents.links.plan')}
          </Typography.Link>
        )}
      </Space>
      {checks.all.length === 0 ? (
        <Typography.Text type="secondary">{t('visits.timeline.noChecks')}</Typography.Text>
      ) : (
        checks.all.map((check) => (
          <CheckLine key={check.id} check={check} review={reviews.get(check.id)} />
        ))
      )}
    </Flex>
  );
};

const CheckLine = ({
  check,
  review,
}: {
  check: Verification;
  review: VerificationReview | undefined;
}) => {
  const { t } = useTranslation();
  const staffName = useStaffNames();
  return (
    <Space wrap size={[8, 2]} data-testid="timeline-check" data-stage={check.stage}>
      <Typography.Text type="secondary">{formatClinicTime(check.at)}</Typography.Text>
      <Typography.Text>{t(`visits.stages.${check.stage}`)}</Typography.Text>
      <OutcomeTag outcome={check.outcome} />
      <Typography.Text type="secondary">
        {t('visits.timeline.by', { name: staffName(check.by) })}
      </Typography.Text>
      {check.stage === 'check-in' && (
        <>
          {check.overriddenBy && (
            <Typography.Text>
              {t('visits.timeline.overriddenBy', { name: staffName(check.overriddenBy) })}
            </Typography.Text>
          )}
          {check.reason && (
            <Typography.Text>
              {t('visits.timeline.reason', { reason: check.reason })}
            </Typography.Text>
          )}
          <FlagTags flags={check.flags} />
        </>
      )}
      {check.note && (
        <Typography.Text type="secondary">
          {t('visits.timeline.note', { note: check.note })}
        </Typography.Text>
      )}
      {review && (
        <Tag color="blue">
          {t('visits.timeline.reviewed', {
            name: staffName(review.reviewedBy),
            at: formatClinicTime(review.reviewedAt),
          })}
        </Tag>
      )}
      {review?.also?.map((other) => (
        <Tag key={other.hlc} data-testid="reviewed-also">
          {t('visits.timeline.reviewedAlso', {
            name: staffName(other.reviewedBy),
            at: formatClinicTime(other.reviewedAt),
          })}
        </Tag>
      ))}
    </Space>
  );
};
