import { useLiveQuery } from 'dexie-react-hooks';
import { itemsAwaitingConsent } from '../../../../shared/consents/notice';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import {
  readVisitPlan,
  type NoticeSummary,
  type PlanNotice,
  type VisitPlanRead,
} from '../../db/visit-plan';

export type VisitNotice = PlanNotice;

export type VisitPlan = VisitPlanRead & {
  awaiting: PlannedItem[];
  /** The voided notice the next one corrects: the newest voided notice no later one corrects yet. */
  correcting: NoticeSummary | undefined;
};

const correctionTarget = (notices: readonly VisitNotice[]): NoticeSummary | undefined => {
  const corrected = new Set(notices.map((n) => n.consent.content.previous?.id).filter(Boolean));
  return notices.find((n) => n.voided && !corrected.has(n.consent.id))?.consent;
};

/** Everything the plan page shows for one visit, following every change live. `null`: no such visit. */
export const useVisitPlan = (visitId: string): VisitPlan | null | undefined => {
  const { db } = useServices();
  const actor = useActor();
  return useLiveQuery(async () => {
    const plan = await readVisitPlan(db, actor, visitId);
    if (!plan) return null;
    return {
      ...plan,
      awaiting: itemsAwaitingConsent(plan.items, plan.live),
      correcting: correctionTarget(plan.notices),
    };
  }, [db, actor, visitId]);
};
