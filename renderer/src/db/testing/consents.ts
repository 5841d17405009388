import type { CatalogueEntry, CatalogueItem } from '../../../../shared/catalogue/catalogue';
import type { Signature } from '../../../../shared/consents/signature';
import { draftNotice, signConsent } from '../consents';
import { planItem } from '../planned-items';
import { checkIn } from '../visits';
import { actorOf } from '../staff';
import { storeWithOwner } from './store';
import { addTeam, putPatient } from './visits';
import type { StoreContext } from '../write';

/** A few lines of a dental clinic's catalogue: one of each coverage class. */
export const DENTAL_ITEMS: CatalogueEntry[] = [
  {
    code: '310511001',
    name: '龋齿充填术',
    category: 'procedure',
    unit: '牙',
    priceFen: 8_000,
    coverage: 'class-a',
    selfPayRatioBp: 0,
  },
  {
    code: '310513003',
    name: '根管治疗术',
    category: 'procedure',
    unit: '根管',
    priceFen: 24_050,
    coverage: 'class-b',
    selfPayRatioBp: 1_000,
  },
  {
    code: 'ZF-IMPLANT',
    name: '种植体植入',
    category: 'material',
    unit: '颗',
    priceFen: 680_000,
    coverage: 'self-pay',
    selfPayRatioBp: 10_000,
  },
  {
    code: 'X0001',
    name: '甲硝唑片',
    category: 'drug',
    unit: '盒',
    priceFen: 1_234,
    coverage: 'class-b',
    selfPayRatioBp: 2_000,
    restriction: '限厌氧菌感染',
  },
];

/** Puts a catalogue version straight into the store: importing is the catalogue feature's test. */
export const putCatalogue = async (
  ctx: StoreContext,
  versionId: string,
  effectiveFrom: string,
  entries: readonly CatalogueEntry[] = DENTAL_ITEMS,
): Promise<CatalogueItem[]> => {
  await ctx.db.catalogueVersions.put({
    id: versionId,
    effectiveFrom,
    fileName: `${versionId}.csv`,
    itemCount: entries.length,
    fileHash: '0'.repeat(64),
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'someone',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'someone',
    deviceId: 'desk-1',
    hlc: `${effectiveFrom}-${versionId}`,
  });
  const items = entries.map((entry) => ({
    ...entry,
    id: `${versionId}:${entry.code}`,
    versionId,
    searchKeys: [entry.code.toLowerCase()],
  }));
  await ctx.db.catalogueItems.bulkPut(items);
  return items;
};

/** A name written across the pad: long enough to count as a signature. */
export const signatureOf = (seed = 0): Signature => ({
  width: 500,
  height: 200,
  strokes: [Array.from({ length: 24 }, (_, i) => [20 + i * 18, 60 + ((i + seed) % 3) * 40]).flat()],
});

export const bothSignatures = () => ({ signer: signatureOf(1), clinician: signatureOf(2) });

/** A clinic with a team, a catalogue in force, a patient checked in today: the chair's starting point. */
export const chairClinic = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  const items = await putCatalogue(store.ctx, 'cat-2026', '2026-01-01');
  const patient = await putPatient(store.ctx);
  const desk = actorOf(team.desk);
  const visit = await checkIn(store.ctx, desk, patient.id);
  return {
    ...store,
    ...team,
    items,
    patient,
    visit,
    desk,
    doctor: actorOf(team.clinician),
    officer: actorOf(team.officer),
  };
};

/** The chair's shortest story: the implant (自费) planned with "no alternative", signed by the patient. */
export const signImplant = async ({
  ctx,
  doctor,
  visit,
  items,
}: Awaited<ReturnType<typeof chairClinic>>) => {
  await planItem(ctx, doctor, {
    visitId: visit.id,
    catalogueItemId: items[2]!.id,
    quantity: 1,
    reason: '缺牙修复',
    alternatives: { kind: 'none' },
  });
  const request = {
    visitId: visit.id,
    decision: 'agreed' as const,
    signer: { kind: 'patient' as const },
  };
  const { draftHash } = await draftNotice(ctx, doctor, request);
  return signConsent(ctx, doctor, { ...request, draftHash, signatures: bothSignatures() });
};
