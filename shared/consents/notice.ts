import { needsConsent } from '../catalogue/catalogue';
import type { Patient } from '../patients/patient';
import { maskIdNumber } from '../patients/display';
import type { ClinicSettings } from '../settings/settings';
import type { Visit } from '../visits/visit';
import type { Consent, Decision, NoticeContent, NoticeLine, Signer } from './consent';
import { NOTICE_FORMAT } from './consent';
import type { PlannedItem } from './planned-item';
import { lineTotal, selfPayFen, type SettlementTerms } from './self-pay';
import { formatYuan, type Fen } from '../money';

/**
 * The statement the patient signs, in Chinese: the notice is a Chinese medical document whatever
 * language the screen is in. A change of wording is a new NOTICE_FORMAT.
 */
export const noticeStatement = (decision: Decision, selfPayTotalFen: Fen): string =>
  decision === 'agreed'
    ? `医生已向我说明上列项目不在医保支付范围内（或需个人先行自付部分费用）的原因、费用和可选择的替代方案。` +
      `我已知晓并同意使用上列项目，自愿承担自付费用合计人民币 ${formatYuan(selfPayTotalFen)} 元。`
    : `医生已向我说明上列项目不在医保支付范围内（或需个人先行自付部分费用）的原因、费用和可选择的替代方案。` +
      `我已知晓，并决定不使用上列自费项目。`;

/**
 * The items of a visit a new notice must cover: still planned, needing consent, and not signed
 * for (never asked, or refused before: a patient may change their mind).
 */
export const itemsAwaitingConsent = (
  items: readonly PlannedItem[],
  live: readonly Pick<Consent, 'status' | 'content'>[],
): PlannedItem[] =>
  items.filter((item) => {
    if (item.status !== 'planned' || item.performedAt || item.billedAt) return false;
    const problem = coverageProblem(item, live);
    return problem === 'no-consent' || problem === 'refused';
  });

const noticeLine = (item: PlannedItem, terms: SettlementTerms): NoticeLine => {
  if (!item.reason || !item.alternatives)
    throw new Error(`planned item ${item.id} needs a reason and alternatives before a notice`);
  return {
    plannedItemId: item.id,
    code: item.code,
    name: item.name,
    category: item.category,
    unit: item.unit,
    quantity: item.quantity,
    ...(item.teeth ? { teeth: item.teeth } : {}),
    priceFen: item.priceFen,
    coverage: item.coverage,
    selfPayRatioBp: item.selfPayRatioBp,
    selfPayFen: selfPayFen(item, terms),
    ...(item.restriction ? { restriction: item.restriction } : {}),
    reason: item.reason,
    alternatives: item.alternatives,
  };
};

export type NoticeInput = {
  clinic: ClinicSettings;
  /** The region's display name ("广东省 深圳市"). */
  clinicRegion: string;
  patient: Patient;
  /** With its settlement: in a self-pay visit the patient is told each line's full price. */
  visit: Pick<Visit, 'id' | 'date'> & SettlementTerms;
  items: readonly PlannedItem[];
  decision: Decision;
  signer: Signer;
  clinician: { id: string; name: string };
  previous?: Pick<Consent, 'id'> & { version: number };
};

/** The notice's whole content, computed from the plan: the same input gives the same bytes. */
export const buildNoticeContent = (input: NoticeInput): NoticeContent => {
  const terms = { settlement: input.visit.settlement };
  const lines = input.items.map((item) => noticeLine(item, terms));
  const selfPayTotalFen = lines.reduce((sum, l) => sum + l.selfPayFen, 0) as Fen;
  return {
    format: NOTICE_FORMAT,
    clinic: { name: input.clinic.name, region: input.clinicRegion },
    patient: {
      id: input.patient.id,
      name: input.patient.name,
      sex: input.patient.sex,
      birthDate: input.patient.birthDate,
      idType: input.patient.idType,
      idNumberMasked: maskIdNumber(input.patient.idNumber),
      ...(input.patient.cardNumber ? { cardNumber: input.patient.cardNumber } : {}),
    },
    visit: { id: input.visit.id, date: input.visit.date },
    lines,
    totalPriceFen: lines.reduce((sum, l) => sum + lineTotal(l), 0),
    selfPayTotalFen,
    decision: input.decision,
    statement: noticeStatement(input.decision, selfPayTotalFen),
    signer: input.signer,
    clinician: input.clinician,
    ...(input.previous
      ? { previous: { id: input.previous.id, version: input.previous.version } }
      : {}),
    version: input.previous ? input.previous.version + 1 : 1,
  };
};

/** Why an item may not be performed or billed yet; undefined when it may. */
export type CoverageProblem = 'no-consent' | 'refused' | 'quantity';

/**
 * Enforcement (PRODUCT.md §2.4): a 乙类 or 自费 item is performed or billed only under a signed,
 * non-voided consent that names it with at least its quantity. `live` are the visit's consents
 * that have not been voided.
 */
export const coverageProblem = (
  item: Pick<PlannedItem, 'id' | 'coverage' | 'quantity'>,
  live: readonly Pick<Consent, 'status' | 'content'>[],
): CoverageProblem | undefined => {
  if (!needsConsent(item.coverage)) return undefined;
  let refused = false;
  let tooFew = false;
  for (const consent of live) {
    const line = consent.content.lines.find((l) => l.plannedItemId === item.id);
    if (!line) continue;
    // The hashed decision, not the unhashed status field (consentStatusOf).
    if (consent.content.decision === 'refused') refused = true;
    else if (line.quantity >= item.quantity) return undefined;
    else tooFew = true;
  }
  return tooFew ? 'quantity' : refused ? 'refused' : 'no-consent';
};
