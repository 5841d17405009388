import { describe, expect, it, vi } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import type { CatalogueEntry } from '../../../shared/catalogue/catalogue';
import { generateCatalogue } from '../../../shared/demo/generate-catalogue';
import {
  IMPORT_CHUNK,
  importCatalogue,
  importsOfFile,
  searchCatalogue,
  versionInForceOn,
} from './catalogue';
import { changeCatalogueItem, itemWithCode, versionItems } from './catalogue-item';
import { errorOf, reasonOf, storeWithOwner } from './testing/store';

const AMOXICILLIN: CatalogueEntry = {
  code: 'XJ01CA001',
  name: '阿莫西林胶囊',
  category: 'drug',
  unit: '盒',
  priceFen: 1250,
  coverage: 'class-a',
  selfPayRatioBp: 0,
};
const ROOT_CANAL: CatalogueEntry = {
  code: '310511001',
  name: '显微根管治疗',
  category: 'procedure',
  unit: '牙',
  priceFen: 120_000,
  coverage: 'class-b',
  selfPayRatioBp: 1000,
  restriction: '限恒牙',
};
/** The clinic's new implant brand, not yet on the bureau's list. */
const IMPLANT: CatalogueEntry = {
  code: 'C1309ZZ001',
  name: '种植体（士卓曼 BLT）',
  category: 'material',
  unit: '颗',
  priceFen: 680_000,
  coverage: 'self-pay',
  selfPayRatioBp: 10_000,
};

/** A clinic with the bureau's January list imported. */
const clinicWithCatalogue = async () => {
  const store = await storeWithOwner();
  const january = await importCatalogue(store.ctx, store.ownerActor, {
    fileName: '2026年目录.csv',
    fileHash: 'a'.repeat(64),
    effectiveFrom: '2026-01-01',
    entries: [AMOXICILLIN, ROOT_CANAL],
  });
  return { ...store, january };
};

const terms = (items: CatalogueEntry[]) =>
  items.map(({ code, name, category, unit, priceFen, coverage, selfPayRatioBp, restriction }) => ({
    code,
    name,
    category,
    unit,
    priceFen,
    coverage,
    selfPayRatioBp,
    restriction,
  }));

describe('adding one item to the catalogue', () => {
  it('makes a new version holding every item of the one in force, plus the new one', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const version = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: january.id,
      effectiveFrom: '2026-11-22',
      entry: IMPLANT,
    });
    expect(version).toMatchObject({
      effectiveFrom: '2026-11-22',
      itemCount: 3,
      fileName: '2026年目录.csv',
      change: { kind: 'add', basedOn: january.id, code: IMPLANT.code, name: IMPLANT.name },
    });
    expect(terms(await versionItems(db, version.id))).toEqual(
      terms([ROOT_CANAL, IMPLANT, AMOXICILLIN]),
    );
    // The January version is untouched: visits before the 22nd keep their catalogue.
    expect(await versionItems(db, january.id)).toHaveLength(2);
    expect((await versionInForceOn(db, '2026-11-21'))?.id).toBe(january.id);
    expect((await versionInForceOn(db, '2026-11-22'))?.id).toBe(version.id);
    expect((await searchCatalogue(db, '2026-11-22', '种植体')).map((i) => i.code)).toEqual([
      IMPLANT.code,
    ]);
    expect(await searchCatalogue(db, '2026-11-21', '种植体')).toEqual([]);
    // Found by pinyin too: its search keys were made, the copied items keep theirs.
    expect((await searchCatalogue(db, '2026-11-22', 'zzt')).map((i) => i.code)).toEqual([
      IMPLANT.code,
    ]);
    expect((await searchCatalogue(db, '2026-11-22', 'amxl')).map((i) => i.code)).toEqual([
      AMOXICILLIN.code,
    ]);
    // A hand-made version is no second import of the bureau's file.
    expect(await importsOfFile(db, 'a'.repeat(64))).toEqual([january]);
  });

  it('is audited as one event naming the item and every value it was given', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const version = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: january.id,
      effectiveFrom: '2026-11-22',
      entry: IMPLANT,
    });
    const events = await db.auditEvents.where('entityId').equals(version.id).toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'create',
      entity: 'catalogue',
      summary: 'C1309ZZ001 种植体（士卓曼 BLT）',
      actorId: ownerActor.staffId,
    });
    expect(events[0]!.changes).toEqual([
      { field: 'effectiveFrom', from: '2026-01-01', to: '2026-11-22' },
      { field: 'code', to: 'C1309ZZ001' },
      { field: 'name', to: '种植体（士卓曼 BLT）' },
      { field: 'category', to: 'material' },
      { field: 'unit', to: '颗' },
      { field: 'priceFen', to: '680000' },
      { field: 'coverage', to: 'self-pay' },
      { field: 'selfPayRatioBp', to: '10000' },
    ]);
  });

  it('syncs like an import: the version, its audit event and its items in one transaction', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const version = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: january.id,
      effectiveFrom: '2026-11-22',
      entry: IMPLANT,
    });
    const entries = (await db.outbox.toArray())
      .filter((e) => e.hlc === version.hlc)
      .sort((a, b) => a.deviceSeq - b.deviceSeq);
    expect(entries.map((e) => e.table)).toEqual([
      'catalogueVersions',
      'auditEvents',
      'catalogueItems',
    ]);
    expect(new Set(entries.map((e) => e.txId)).size).toBe(1);
    expect(entries[2]).toMatchObject({ op: 'insert', entityId: `${version.id}:0` });
    const sent = (entries[2]!.data as { items: unknown[] }).items;
    expect(sent).toEqual(expect.arrayContaining(await versionItems(db, version.id)));
    expect(sent).toHaveLength(3);
  });

  it('refuses a code the version already has, whatever its case, and saves nothing', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const before = {
      versions: await db.catalogueVersions.count(),
      audit: await db.auditEvents.count(),
    };
    const error = await errorOf(
      changeCatalogueItem(ctx, ownerActor, {
        baseVersionId: january.id,
        effectiveFrom: '2026-11-22',
        entry: { ...IMPLANT, code: 'xj01ca001' },
      }),
    );
    expect(error).toMatchObject({
      reason: 'catalogue-code-taken',
      field: 'code',
      values: { code: 'XJ01CA001', name: '阿莫西林胶囊' },
    });
    expect(await db.catalogueVersions.count()).toBe(before.versions);
    expect(await db.auditEvents.count()).toBe(before.audit);
    expect(await itemWithCode(db, january.id, ' xj01CA001 ')).toMatchObject({
      name: '阿莫西林胶囊',
    });
    expect(await itemWithCode(db, january.id, IMPLANT.code)).toBeUndefined();
  });

  it('refuses an item without a name, a negative or fractional price, or a ratio unfit for its class', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const add = (entry: CatalogueEntry) =>
      errorOf(
        changeCatalogueItem(ctx, ownerActor, {
          baseVersionId: january.id,
          effectiveFrom: '2026-11-22',
          entry,
        }),
      );
    const blamed = async (entry: CatalogueEntry) => {
      const error = await add(entry);
      return [error?.reason, error?.field];
    };
    expect(await blamed({ ...IMPLANT, name: '  ' })).toEqual(['invalid-input', 'name']);
    expect(await blamed({ ...IMPLANT, priceFen: -1 })).toEqual(['invalid-input', 'priceFen']);
    expect(await blamed({ ...IMPLANT, priceFen: 12.5 })).toEqual(['invalid-input', 'priceFen']);
    expect(await blamed({ ...IMPLANT, selfPayRatioBp: 0 })).toEqual([
      'invalid-input',
      'selfPayRatioBp',
    ]);
    expect(await blamed({ ...IMPLANT, category: 'implant' as never })).toEqual([
      'invalid-input',
      'category',
    ]);
    expect(await blamed({ ...IMPLANT, restriction: '' })).toEqual(['invalid-input', 'restriction']);
    // A free item is fine: some services cost nothing.
    expect(await add({ ...IMPLANT, priceFen: 0 })).toBeUndefined();
    expect(await db.catalogueVersions.count()).toBe(2);
  });
});

describe('changing one item of the catalogue', () => {
  it('makes a new version with that item changed and every other item as it was', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const amoxicillin = (await itemWithCode(db, january.id, AMOXICILLIN.code))!;
    const version = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: january.id,
      itemId: amoxicillin.id,
      effectiveFrom: '2026-11-22',
      entry: { ...AMOXICILLIN, priceFen: 1180, unit: '盒（24粒）' },
    });
    expect(version).toMatchObject({
      itemCount: 2,
      change: { kind: 'edit', code: AMOXICILLIN.code, basedOn: january.id },
    });
    expect(terms(await versionItems(db, version.id))).toEqual(
      terms([ROOT_CANAL, { ...AMOXICILLIN, priceFen: 1180, unit: '盒（24粒）' }]),
    );
    expect(await versionItems(db, january.id)).toContainEqual(amoxicillin);
    const [event] = await db.auditEvents.where('entityId').equals(version.id).toArray();
    expect(event).toMatchObject({ action: 'update', summary: 'XJ01CA001 阿莫西林胶囊' });
    expect(event!.changes).toEqual([
      { field: 'effectiveFrom', from: '2026-01-01', to: '2026-11-22' },
      { field: 'unit', from: '盒', to: '盒（24粒）' },
      { field: 'priceFen', from: '1250', to: '1180' },
    ]);
  });

  it('a change of a changed version keeps the first change', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const added = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: january.id,
      effectiveFrom: '2026-11-22',
      entry: IMPLANT,
    });
    const implant = (await itemWithCode(db, added.id, IMPLANT.code))!;
    const edited = await changeCatalogueItem(ctx, ownerActor, {
      baseVersionId: added.id,
      itemId: implant.id,
      effectiveFrom: '2026-11-22',
      entry: { ...IMPLANT, coverage: 'class-b', selfPayRatioBp: 3000 },
    });
    // Same day: the later change is the one in force (as a corrected file replaces the morning's).
    expect((await versionInForceOn(db, '2026-11-22'))?.id).toBe(edited.id);
    expect(await itemWithCode(db, edited.id, IMPLANT.code)).toMatchObject({
      coverage: 'class-b',
      selfPayRatioBp: 3000,
    });
    expect(edited.itemCount).toBe(3);
  });

  it('refuses to save a change that changes nothing, or changes the code', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const item = (await itemWithCode(db, january.id, ROOT_CANAL.code))!;
    const edit = (entry: CatalogueEntry) =>
      changeCatalogueItem(ctx, ownerActor, {
        baseVersionId: january.id,
        itemId: item.id,
        effectiveFrom: '2026-11-22',
        entry,
      });
    expect(await reasonOf(edit({ ...ROOT_CANAL, name: ` ${ROOT_CANAL.name} ` }))).toBe(
      'catalogue-item-unchanged',
    );
    expect((await errorOf(edit({ ...ROOT_CANAL, code: '310511002' })))?.field).toBe('code');
    expect(
      await reasonOf(
        changeCatalogueItem(ctx, ownerActor, {
          baseVersionId: january.id,
          itemId: 'nope',
          effectiveFrom: '2026-11-22',
          entry: ROOT_CANAL,
        }),
      ),
    ).toBe('not-found');
    expect(await db.catalogueVersions.count()).toBe(1);
  });
});

describe('when a changed version takes effect', () => {
  it('not before the version it copies, and not where a newer version would be lost', async () => {
    const { db, ctx, ownerActor, january } = await clinicWithCatalogue();
    const july = await importCatalogue(ctx, ownerActor, {
      fileName: '2026年7月目录.csv',
      fileHash: 'b'.repeat(64),
      effectiveFrom: '2026-07-01',
      entries: [{ ...AMOXICILLIN, priceFen: 1180 }],
    });
    const add = (baseVersionId: string, effectiveFrom: string) =>
      errorOf(
        changeCatalogueItem(ctx, ownerActor, { baseVersionId, effectiveFrom, entry: IMPLANT }),
      );
    expect(await add(july.id, '2026-06-30')).toMatchObject({
      reason: 'catalogue-date-before-base',
      field: 'effectiveFrom',
      values: { date: '2026-07-01' },
    });
    // January's list with the implant from August would undo July's prices.
    expect(await add(january.id, '2026-08-01')).toMatchObject({
      reason: 'catalogue-base-replaced',
      values: { date: '2026-08-01' },
    });
    expect(await add(january.id, '2026-07-01')).toMatchObject({
      reason: 'catalogue-base-replaced',
    });
    expect((await add(july.id, '2026/08/01'))?.reason).toBe('invalid-input');
    expect(await db.catalogueVersions.count()).toBe(2);
    // Before July, January may still be changed (a late correction).
    expect(await add(january.id, '2026-03-01')).toBeUndefined();
    expect(await add(july.id, '2026-07-01')).toBeUndefined();
  });
});

describe('who may change the catalogue, and what a failure leaves', () => {
  it('only the insurance officer and the owner, as for an import', async () => {
    const { ctx, ownerActor, january } = await clinicWithCatalogue();
    const input = { baseVersionId: january.id, effectiveFrom: '2026-11-22', entry: IMPLANT };
    for (const role of ['front-desk', 'clinician'] as const)
      await expect(
        changeCatalogueItem(ctx, { ...ownerActor, roles: [role] }, input),
      ).rejects.toBeInstanceOf(PermissionError);
    const officer = { ...ownerActor, roles: ['insurance-officer' as const] };
    await expect(changeCatalogueItem(ctx, officer, input)).resolves.toBeDefined();
  });

  it('a failure halfway through a big catalogue leaves no version, no item, no audit event', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const big = await importCatalogue(ctx, ownerActor, {
      fileName: 'city.csv',
      fileHash: 'c'.repeat(64),
      effectiveFrom: '2026-01-01',
      entries: generateCatalogue('city', IMPORT_CHUNK + 10),
    });
    const counts = async () => [
      await db.catalogueVersions.count(),
      await db.catalogueItems.count(),
      await db.auditEvents.count(),
      await db.outbox.count(),
    ];
    const before = await counts();
    const bulkAdd = db.catalogueItems.bulkAdd.bind(db.catalogueItems);
    let calls = 0;
    vi.spyOn(db.catalogueItems, 'bulkAdd').mockImplementation((...args) => {
      if (++calls === 2) throw new Error('disk full');
      return bulkAdd(...(args as Parameters<typeof bulkAdd>));
    });
    await expect(
      changeCatalogueItem(ctx, ownerActor, {
        baseVersionId: big.id,
        effectiveFrom: '2026-11-22',
        entry: IMPLANT,
      }),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(2);
    expect(await counts()).toEqual(before);
  });
});
