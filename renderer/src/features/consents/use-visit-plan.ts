import { useLiveQuery } from 'dexie-react-hooks';
import { versionInForce } from '../../../../shared/catalogue/catalogue';
import type { Consent, ConsentVoid } from '../../../../shared/consents/consent';
import { itemsAwaitingConsent } from '../../../../shared/consents/notice';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import type { Patient } from '../../../../shared/patients/patient';
import type { Visit } from '../../../../shared/visits/visit';
import { useServices } from '../../app/services';
import { consentsForVisit, type ConsentState, consentState } from '../../db/consents';
import { liveConsents, plannedItemsForVisit } from '../../db/planned-items';

export type VisitNotice = {
  consent: Consent;
  voided: ConsentVoid | undefined;
  state: ConsentState;
};

export type VisitPlan = {
  visit: Visit;
  patient: Patient;
  items: PlannedItem[];
  /** Newest first. */
  notices: VisitNotice[];
  live: Consent[];
  awaiting: PlannedItem[];
  /** The catalogue version in force on the visit's date, if any. */
  versionId: string | undefined;
  /** The voided notice the next one corrects: the newest voided notice no later one corrects yet. */
  correcting: Consent | undefined;
};

const correctionTarget = (notices: readonly VisitNotice[]): Consent | undefined => {
  const corrected = new Set(notices.map((n) => n.consent.content.previous?.id).filter(Boolean));
  return notices.find((n) => n.voided && !corrected.has(n.consent.id))?.consent;
};

/** Everything the plan page shows for one visit, following every change live. `null`: no such visit. */
export const useVisitPlan = (visitId: string): VisitPlan | null | undefined => {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const visit = await db.visits.get(visitId);
    const patient = visit && (await db.patients.get(visit.patientId));
    if (!visit || !patient) return null;
    const [items, listed, live, versions] = await Promise.all([
      plannedItemsForVisit(db, visitId),
      consentsForVisit(db, visitId),
      liveConsents(db, visitId),
      db.catalogueVersions.toArray(),
    ]);
    const notices = listed.map((n) => ({ ...n, state: consentState(n.consent, n.voided) }));
    return {
      visit,
      patient,
      items,
      notices,
      live,
      awaiting: itemsAwaitingConsent(items, live),
      versionId: versionInForce(versions, visit.date)?.id,
      correcting: correctionTarget(notices),
    };
  }, [db, visitId]);
};
