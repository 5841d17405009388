import { today } from '../../../shared/clock/calendar-date';
import { needsConsent } from '../../../shared/catalogue/catalogue';
import type { Decision, Signer } from '../../../shared/consents/consent';
import type { Signature } from '../../../shared/consents/signature';
import { generateCatalogue } from '../../../shared/demo/generate-catalogue';
import { sha256Hex } from '../../../shared/hash';
import { residentCheckCharacter } from '../../../shared/identity/id-number';
import { formatYuan, fen } from '../../../shared/money';
import { importCatalogue, versionInForceOn } from '../db/catalogue';
import { draftNotice, signConsent, voidConsent } from '../db/consents';
import { registerPatient } from '../db/patients';
import { planItem } from '../db/planned-items';
import { actorOf, addStaff, findByUsername } from '../db/staff';
import { checkIn } from '../db/visits';
import type { Actor, StoreContext } from '../db/write';
import { ownerActor } from './owner-actor';

/**
 * Development builds only: a signed self-pay notice with many items, made through the real
 * repository functions (catalogue import, registration, check-in, plan, draft, sign), for the
 * print tests and the notice benchmark. Nothing here is reachable in a production build.
 */
export type DemoConsentOptions = {
  items?: number;
  patientName?: string;
  decision?: Decision;
  signer?: Signer;
  /** Stop after planning: the items stay unsigned (the daily review's list). */
  plannedOnly?: boolean;
};

const DEMO_CATALOGUE = 'demo-catalogue.csv';
const DOCTOR = { username: 'demo-doctor', displayName: '陈思远', roles: ['clinician' as const] };

/** A name written across the pad, different for each seed. */
export const demoSignature = (seed: number): Signature => ({
  width: 600,
  height: 200,
  strokes: [0, 1, 2].map((k) =>
    Array.from({ length: 30 }, (_, i) => [
      40 + k * 180 + i * 5,
      100 + Math.round(50 * Math.sin((i + seed + k * 7) / 3)),
    ]).flat(),
  ),
});

const demoDoctor = async (ctx: StoreContext, owner: Actor): Promise<Actor> =>
  actorOf(
    (await findByUsername(ctx.db, DOCTOR.username)) ??
      (await addStaff(ctx, owner, { ...DOCTOR, password: 'Doctor#2026' })),
  );

const demoCatalogue = async (ctx: StoreContext, owner: Actor) => {
  const date = today(ctx.clock);
  if (!(await versionInForceOn(ctx.db, date)))
    await importCatalogue(ctx, owner, {
      fileName: DEMO_CATALOGUE,
      fileHash: sha256Hex(DEMO_CATALOGUE),
      effectiveFrom: '2020-01-01',
      entries: generateCatalogue('demo', 200),
    });
  const version = await versionInForceOn(ctx.db, date);
  const items = await ctx.db.catalogueItems.where('versionId').equals(version!.id).sortBy('code');
  return items.filter((item) => needsConsent(item.coverage));
};

const demoPatient = async (ctx: StoreContext, owner: Actor, name: string) => {
  const serial = String(100 + ((await ctx.db.patients.count()) % 800)).padStart(3, '0');
  const first17 = `44030519850612${serial}`;
  return registerPatient(
    ctx,
    owner,
    {
      name,
      sex: Number(serial) % 2 ? 'male' : 'female',
      birthDate: '1985-06-12',
      idType: 'resident',
      idNumber: first17 + residentCheckCharacter(first17),
      phone: '13800138000',
      insuredRegion: { province: '44', city: '深圳市' },
      scheme: 'employee',
      cardNumber: `G4403${first17.slice(-8)}`,
      priorReimbursements: '',
      notes: '',
    },
    { acceptDuplicates: true, duplicateReason: '演示数据' },
  );
};

/** A patient checked in today with `items` self-pay items planned, ready for a notice. */
export const planDemoVisit = async (ctx: StoreContext, options: DemoConsentOptions = {}) => {
  const owner = await ownerActor(ctx);
  const doctor = await demoDoctor(ctx, owner);
  const catalogue = await demoCatalogue(ctx, owner);
  const patient = await demoPatient(ctx, owner, options.patientName ?? '林晓燕');
  const visit = await checkIn(ctx, owner, patient.id);
  const count = Math.min(options.items ?? 30, catalogue.length);
  for (let i = 0; i < count; i++)
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: catalogue[i]!.id,
      quantity: 1 + (i % 3),
      reason: i % 4 === 0 ? '患者牙体缺损较大，需要修复以恢复咀嚼功能并防止继续折裂' : '病情需要',
      alternatives:
        i % 5 === 0
          ? { kind: 'none' }
          : { kind: 'offered', text: '可选用医保甲类同类项目，效果和耐用性较差' },
    });
  return {
    visitId: visit.id,
    patientName: patient.name,
    doctor,
    request: {
      visitId: visit.id,
      decision: options.decision ?? 'agreed',
      signer: options.signer ?? { kind: 'patient' as const },
    },
  };
};

export const DEMO_SIGNATURES = { signer: demoSignature(1), clinician: demoSignature(4) };

export const signDemoConsent = async (ctx: StoreContext, options: DemoConsentOptions = {}) => {
  const { visitId, patientName, doctor, request } = await planDemoVisit(ctx, options);
  if (options.plannedOnly) return { visitId, patientName };
  const draft = await draftNotice(ctx, doctor, request);
  const consent = await signConsent(ctx, doctor, {
    ...request,
    draftHash: draft.draftHash,
    signatures: DEMO_SIGNATURES,
  });
  return {
    consentId: consent.id,
    visitId,
    patientName,
    clinicianName: doctor.name,
    selfPayTotal: formatYuan(fen(consent.content.selfPayTotalFen)),
  };
};

/** Voids a notice as the clinic owner would, through the real repository function. */
export const voidDemoConsent = async (ctx: StoreContext, consentId: string, reason: string) =>
  voidConsent(ctx, await ownerActor(ctx), consentId, reason);
