import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import {
  allowedEvents,
  OWNER_EVENTS,
  type ComplaintEventKind,
} from '../../../../shared/complaints/complaint-event';
import { complaintUrgency, isAnonymous } from '../../../../shared/complaints/urgency';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { AppError } from '../../../../shared/errors';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { complaintPeople, readComplaint, readComplaintAttachments } from '../../db/complaints';
import { readConsultation } from '../../db/consultations';
import { ComplaintTimeline } from './complaint-timeline';
import { StateTag, UrgencyTag } from './complaint-tags';
import { complainantName } from './complaint-words';
import { EventDialog } from './event-dialog';
import { useNow } from './use-now';

const minutes = (iso: string) => formatClinicTime(iso).slice(0, 16);

/** A missing complaint (a mistyped link) reads as not found, not as a broken screen. */
const readOrMissing = async (...args: Parameters<typeof readComplaint>) => {
  try {
    return await readComplaint(...args);
  } catch (error) {
    if (error instanceof AppError && error.reason === 'not-found') return null;
    throw error;
  }
};

/** The consultation a complaint was turned from, linked to the consultation log. */
const FromConsultation = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  const consultation = useLiveQuery(() => readConsultation(db, actor, id), [db, actor, id]);
  return (
    <Link to="/complaints/consultations" data-testid="complaint-from-consultation">
      {consultation
        ? `${t('complaints.consult.fromConsultation', { at: minutes(consultation.at) })} · ${t(
            `complaints.consult.topics.${consultation.topic}`,
          )}`
        : t('complaints.tabs.consultations')}
    </Link>
  );
};

/** One complaint: what was received, its deadlines, its timeline, and the next steps allowed. */
export const ComplaintDetail = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { db, clock } = useServices();
  const actor = useActor();
  const now = useNow(clock);
  const view = useLiveQuery(() => readOrMissing(db, actor, id), [db, actor, id]);
  const people = useLiveQuery(() => complaintPeople(db, actor), [db, actor]) ?? [];
  const eventIds = view ? view.derived.timeline.map((e) => e.id) : [];
  const files = useLiveQuery(
    () => readComplaintAttachments(db, actor, eventIds),
    // The list of ids, as text: a new array each render must not re-run the query.
    [db, actor, eventIds.join(',')],
  );
  const [dialog, setDialog] = useState<ComplaintEventKind>();
  const [open, setOpen] = useState(false);

  if (view === undefined) return null;
  if (view === null) return <Result status="404" title={t('complaints.detail.notFound')} />;
  const { complaint, derived } = view;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const handler = can(actor.roles, 'complaint.handle');
  const anonymous = isAnonymous(complaint);
  const steps = allowedEvents(derived.state, { anonymous }).filter(
    (kind) => handler || (derived.owner === actor.staffId && OWNER_EVENTS.includes(kind)),
  );
  const c = complaint.complainant;

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/complaints">
          <ArrowLeftOutlined /> {t('complaints.detail.back')}
        </Link>
        <Flex justify="space-between" align="center" gap="middle" wrap>
          <Space>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t(`complaints.category.${complaint.category}`)} · {complainantName(t, c)}
            </Typography.Title>
            <StateTag state={derived.state} anonymous={anonymous} />
            <UrgencyTag urgency={complaintUrgency(complaint, derived, now)} />
          </Space>
        </Flex>
        <Descriptions size="small" bordered column={2} data-testid="complaint-facts">
          <Descriptions.Item label={t('complaints.columns.received')}>
            {minutes(complaint.receivedAt)} · {t(`complaints.channel.${complaint.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.columns.severity')}>
            {t(`complaints.severity.${complaint.severity}`)}
            {derived.escalated && ` · ${t('complaints.detail.escalated')}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.columns.complainant')}>
            {c.kind === 'named'
              ? [c.name, t(`complaints.relation.${c.relation}`), c.phone]
                  .filter(Boolean)
                  .join(' · ')
              : t('complaints.anonymous')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.patient')}>
            {view.patientName ?? t('complaints.nobody')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.receivedBy')}>
            {names.get(complaint.receivedBy) ?? t('complaints.nobody')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.owner')}>
            <span data-testid="complaint-owner">
              {names.get(derived.owner) ?? t('complaints.nobody')}
            </span>
          </Descriptions.Item>
          {/* Nobody to call back: no first contact is due, none is missing. */}
          {!anonymous && (
            <Descriptions.Item label={t('complaints.columns.firstContactDue')}>
              <span data-testid="complaint-first-contact-due">
                {minutes(complaint.firstContactDue)}
              </span>
            </Descriptions.Item>
          )}
          {!anonymous && (
            <Descriptions.Item label={t('complaints.detail.firstContactAt')}>
              {derived.firstContactAt
                ? minutes(derived.firstContactAt)
                : t('complaints.detail.notContacted')}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('complaints.columns.resolutionDue')}>
            <span data-testid="complaint-resolution-due">{complaint.resolutionDue}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.policy')}>
            {t('complaints.policy', {
              name: complaint.policy.name,
              ordinary: complaint.policy.ordinaryDays,
              major: complaint.policy.majorDays,
            })}
          </Descriptions.Item>
          {complaint.fromConsultationId && (
            <Descriptions.Item label={t('complaints.consult.from')} span={2}>
              <FromConsultation id={complaint.fromConsultationId} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('complaints.detail.description')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{complaint.description}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={4}>{t('complaints.detail.timeline')}</Typography.Title>
        <ComplaintTimeline
          events={derived.timeline}
          ignored={derived.ignored}
          names={names}
          anonymous={anonymous}
          {...(files ? { files } : {})}
        />
        {steps.length > 0 && (
          <Space wrap data-testid="complaint-steps">
            <Typography.Text type="secondary">{t('complaints.detail.actions')}</Typography.Text>
            {steps.map((kind) => (
              <Button
                key={kind}
                type={kind === 'closed' || kind === 'resolved' ? 'primary' : 'default'}
                danger={kind === 'reopened'}
                onClick={() => {
                  setDialog(kind);
                  setOpen(true);
                }}
                data-testid={`step-${kind}`}
              >
                {t(`complaints.actions.${kind}`)}
              </Button>
            ))}
          </Space>
        )}
      </Space>
      {dialog && (
        <EventDialog
          complaintId={complaint.id}
          anonymous={anonymous}
          kind={dialog}
          people={people}
          open={open}
          onClose={() => setOpen(false)}
          afterClose={() => setDialog(undefined)}
        />
      )}
    </Card>
  );
};
