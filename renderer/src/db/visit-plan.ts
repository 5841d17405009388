import { versionInForce } from '../../../shared/catalogue/catalogue';
import { can } from '../../../shared/auth/permissions';
import type { Consent, ConsentVoid } from '../../../shared/consents/consent';
import type { PlannedItem } from '../../../shared/consents/planned-item';
import type { Patient } from '../../../shared/patients/patient';
import type { Visit } from '../../../shared/visits/visit';
import { consentState, noticesOfVisit, type ConsentState } from './consents';
import type { ClinicDb } from './database';
import { byPlanOrder } from './planned-items';
import { authorize, type Actor } from './write';

/**
 * A notice as the plan page shows it: what it says and how it stands, never the strokes of its
 * signatures. Those are read only by opening the notice (`openConsent`, `consent.view`, logged).
 */
export type NoticeSummary = Omit<Consent, 'signatures'>;

export type PlanNotice = {
  consent: NoticeSummary;
  voided: ConsentVoid | undefined;
  state: ConsentState;
};

export type VisitPlanRead = {
  visit: Visit;
  patient: Patient;
  items: PlannedItem[];
  /** Newest first. */
  notices: PlanNotice[];
  /** The notices not voided: the ones that decide whether a line may be performed or billed. */
  live: NoticeSummary[];
  /** The catalogue version in force on the visit's date, if any. */
  versionId: string | undefined;
};

const withoutStrokes = ({ signatures: _s, ...summary }: Consent): NoticeSummary => summary;

/**
 * One visit's plan and where each line stands on its notices: what the clinician plans from and
 * what the front desk bills from (PRODUCT.md §2.4). The desk may bill (`item.bill`) without
 * reading notices (`consent.view`), so no one gets the signatures here. `null`: no such visit.
 */
export const readVisitPlan = async (
  db: ClinicDb,
  actor: Actor,
  visitId: string,
): Promise<VisitPlanRead | null> => {
  authorize(actor, can(actor.roles, 'consent.view') ? 'consent.view' : 'item.bill');
  const visit = await db.visits.get(visitId);
  const patient = visit && (await db.patients.get(visit.patientId));
  if (!visit || !patient) return null;
  const [items, read, versions] = await Promise.all([
    db.plannedItems.where('visitId').equals(visitId).toArray(),
    noticesOfVisit(db, visitId),
    db.catalogueVersions.toArray(),
  ]);
  const notices = read.map(({ consent, voided }) => ({
    consent: withoutStrokes(consent),
    voided,
    state: consentState(consent, voided),
  }));
  return {
    visit,
    patient,
    items: items.sort(byPlanOrder),
    notices,
    live: notices.filter((n) => !n.voided).map((n) => n.consent),
    versionId: versionInForce(versions, visit.date)?.id,
  };
};
