import { Badge } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { countNeedingAttention } from '../../db/complaints';
import { useNow } from './use-now';

/**
 * The count of complaints overdue or due soon, beside 投诉 in the sidebar (PRODUCT.md §4.3: they
 * must be impossible to miss). Live: a complaint recorded or closed anywhere changes it at once,
 * and the clock moving on turns a complaint due soon without any write.
 */
export const ComplaintBadge = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const actor = useActor();
  const now = useNow(clock);
  const count = useLiveQuery(() => countNeedingAttention(db, actor, now), [db, actor, now]) ?? 0;
  return (
    <Badge
      count={count}
      size="small"
      offset={[6, -2]}
      title={t('complaints.badge', { count })}
      data-testid="complaint-badge"
    />
  );
};
