import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import {
  complaintNotices,
  notifiedStateSchema,
  type NotifiedState,
} from '../../../../shared/complaints/notify';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { listComplaints } from '../../db/complaints';
import { useNow } from './use-now';

/** What this device already told, kept here and not synced: each PC tells its own person. */
const STORAGE_KEY = 'clinicdesk.complaint-notices';
const MAX_AT_ONCE = 3;

const readNotified = (): NotifiedState => {
  try {
    const parsed = notifiedStateSchema.safeParse(
      JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}'),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
};

const writeNotified = (state: NotifiedState) => {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // A full or blocked storage only means a notice may come again.
  }
};

/**
 * Desktop (and browser, when allowed) notifications of complaints becoming due soon or overdue,
 * for the people who handle complaints (PRODUCT.md §4.3). Live and clock-driven like the badge;
 * a click on the notification opens the complaint.
 */
export const useComplaintNotices = () => {
  const { db, clock, bridge } = useServices();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const actor = useActor();
  const handles = can(actor.roles, 'complaint.handle');
  const notifier = bridge.complaintNotices;
  const now = useNow(clock);
  const rows = useLiveQuery(
    async () => (handles && notifier ? listComplaints(db, actor, now) : undefined),
    [db, actor, now, handles, notifier],
  );
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';

  useEffect(() => {
    if (!rows || !notifier) return;
    const { notify, next } = complaintNotices(rows, readNotified());
    writeNotified(next);
    // A PC switched on after a long weekend tells at most a few at once: the badge, the list and
    // the Today card carry the rest, and they are remembered as told all the same.
    for (const notice of notify.slice(0, MAX_AT_ONCE))
      void notifier
        .show({
          complaintId: notice.complaintId,
          level: notice.level,
          deadline: notice.deadline,
          category: notice.category,
          dueAt: new Date(notice.dueMs).toISOString(),
          language,
        })
        .catch(() => undefined);
    // The language is read when a notice is due, not a reason to tell again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, notifier]);

  useEffect(
    () => (handles ? notifier?.onOpen((id) => navigate(`/complaints/${id}`)) : undefined),
    [handles, notifier, navigate],
  );
};

/** Mounted once in the shell: renders nothing. */
export const ComplaintNotices = () => {
  useComplaintNotices();
  return null;
};
