import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintState } from '../../../../shared/complaints/complaint-event';
import type { Urgency } from '../../../../shared/complaints/urgency';
import { stateLabelKey } from './state-label';

const URGENCY_COLOR = {
  overdue: 'red',
  'due-soon': 'orange',
  'on-time': 'green',
  closed: 'default',
} as const;

const STATE_COLOR = {
  open: 'volcano',
  contacted: 'blue',
  resolved: 'cyan',
  closed: 'default',
} as const;

/**
 * Overdue / due soon / on time, naming the deadline that decides when it is not on time. A closed
 * complaint has no deadline left: its state tag says so, once.
 */
export const UrgencyTag = ({ urgency }: { urgency: Urgency }) => {
  const { t } = useTranslation();
  if (urgency.level === 'closed') return null;
  const which =
    urgency.deadline && urgency.level !== 'on-time'
      ? ` · ${t(`complaints.deadline.${urgency.deadline}`)}`
      : '';
  return (
    <Tag color={URGENCY_COLOR[urgency.level]} data-testid="complaint-urgency">
      {t(`complaints.urgency.${urgency.level}`)}
      {which}
    </Tag>
  );
};

/** An anonymous complaint not yet resolved waits to be looked into, not for a call back. */
export const StateTag = ({
  state,
  anonymous = false,
}: {
  state: ComplaintState;
  anonymous?: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="complaint-state">
      {t(stateLabelKey(state, anonymous))}
    </Tag>
  );
};
