import { App, Card, Flex, Tabs, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { useActor } from '../../app/use-actor';
import { actorOf } from '../../db/staff';
import { dailyReview } from '../../db/verification-reviews';
import type { Patient } from '../../../../shared/patients/patient';
import { cancelVisit } from '../../db/visit-cancel';
import { checkIn, lastVisitDates, type TodayVisit } from '../../db/visits';
import { errorMessage } from '../../ui/error-message';
import { useToday } from '../../ui/use-today';
import { VerificationPanel } from '../visits/verification-panel';
import { CancelVisitDialog } from './cancel-visit-dialog';
import { CheckInConfirm } from './check-in-confirm';
import { ComplaintsCard } from './complaints-card';
import { DailyReviewTable } from './daily-review-table';
import { InitialSyncNotice, useInitialSync } from '../sync/initial-sync';
import { QuickCheckIn } from './quick-check-in';
import { TodayVisitsTable } from './today-visits-table';
import { UnsignedSelfPayCard } from './unsigned-self-pay-card';
import { useTodayVisits } from './use-today-visits';

/**
 * The desk's home: check a patient in, see where each of today's visits stands on identity, and
 * record the clinician's and pharmacist's re-checks. The insurance officer's daily review is the
 * second tab (/today/review), so that it can be bookmarked.
 */
export const TodayScreen = () => {
  const { t } = useTranslation();
  const services = useServices();
  const { db, clock } = services;
  const { message } = App.useApp();
  const me = useSession((state) => state.staff);
  const navigate = useNavigate();
  const location = useLocation();
  const date = useToday(clock);
  const actor = useActor();
  const { visits, complete } = useTodayVisits(db, actor, date);
  // Only the daily reviewers read the review: the desk's Today has no such tab.
  const reviewer = can(actor.roles, 'review.daily');
  const review = useLiveQuery(
    async () => (reviewer ? dailyReview(db, actor, date) : []),
    [db, actor, date, reviewer],
  );
  const initialSync = useInitialSync();
  const partial = initialSync !== undefined && !initialSync.complete;
  const [visitId, setVisitId] = useState<string>();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<{ patient: Patient; lastVisit?: string }>();
  const [confirming, setConfirming] = useState(false);
  const pickToken = useRef(0);
  // The visit just checked in: its panel opens once the confirmation has closed, not while it
  // closes, so the closing dialog cannot take the focus back from the panel's ID field.
  const checkedIn = useRef<string>(undefined);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState<{ row: TodayVisit; open: boolean }>();
  // Stable, so that the table's rows do not draw again whenever this screen does.
  const verify = useCallback((id: string) => {
    setVisitId(id);
    setOpen(true);
  }, []);
  const cancel = useCallback((row: TodayVisit) => setCancelling({ row, open: true }), []);

  if (!me) return null;
  const tab = reviewer && location.pathname.endsWith('/review') ? 'review' : 'visits';
  // The dialog opens at once; the last visit fills in when found. A lookup still under way when
  // the pick is confirmed or replaced must not reopen or change the dialog.
  const pick = (patient: Patient) => {
    const token = ++pickToken.current;
    setPicked({ patient });
    setConfirming(true);
    void lastVisitDates(db, actor, [patient.id]).then((last) => {
      if (pickToken.current === token) setPicked({ patient, lastVisit: last.get(patient.id) });
    });
  };
  const checkInPicked = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      pickToken.current++;
      const visit = await checkIn(services, actorOf(me), picked.patient.id);
      checkedIn.current = visit.id;
      setConfirming(false);
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  const visitsTab = (
    <Flex vertical gap={16}>
      {can(me.roles, 'visit.check-in') && <QuickCheckIn onPick={pick} />}
      <TodayVisitsTable visits={visits} roles={me.roles} onVerify={verify} onCancel={cancel} />
    </Flex>
  );
  const reviewTab = (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('today.review.intro')}
      </Typography.Paragraph>
      {partial && <InitialSyncNotice what={t('sync.initial.what.dailyReview')} />}
      <DailyReviewTable items={review} me={me} readOnly={partial} />
      <UnsignedSelfPayCard date={date} />
    </Flex>
  );

  return (
    <Card>
      <Flex justify="space-between" align="baseline">
        <Typography.Title level={3}>{t('today.title')}</Typography.Title>
        <Typography.Text type="secondary" data-testid="today-date">
          {t('today.date', { date })}
        </Typography.Text>
      </Flex>
      {can(me.roles, 'complaint.handle') && <ComplaintsCard />}
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'review' ? '/today/review' : '/today')}
        items={[
          {
            key: 'visits',
            label: complete
              ? t('today.tabs.visits', {
                  count: visits?.filter((v) => !v.visit.cancelledAt).length ?? 0,
                })
              : t('today.tabs.visitsLoading'),
            children: visitsTab,
          },
          ...(reviewer
            ? [
                {
                  key: 'review',
                  label: t('today.tabs.review', {
                    count: review?.filter((i) => !i.review).length ?? 0,
                  }),
                  children: reviewTab,
                },
              ]
            : []),
        ]}
      />
      <CheckInConfirm
        open={confirming}
        patient={picked?.patient}
        lastVisit={picked?.lastVisit}
        busy={busy}
        onConfirm={() => void checkInPicked()}
        onBack={() => setConfirming(false)}
        afterClose={() => {
          setPicked(undefined);
          const id = checkedIn.current;
          checkedIn.current = undefined;
          if (id) verify(id);
        }}
      />
      <CancelVisitDialog
        open={!!cancelling?.open}
        patientName={cancelling?.row.patient?.name}
        onCancelVisit={async (reason) => {
          await cancelVisit(services, actorOf(me), cancelling!.row.visit.id, reason);
        }}
        onClose={() => setCancelling((c) => c && { ...c, open: false })}
        afterClose={() => setCancelling(undefined)}
      />
      <VerificationPanel
        visitId={visitId}
        open={open}
        onClose={() => setOpen(false)}
        afterClose={() => setVisitId(undefined)}
      />
    </Card>
  );
};
