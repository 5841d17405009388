import { describe, expect, it, vi } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import type { CatalogueEntry, CatalogueVersion } from '../../../shared/catalogue/catalogue';
import { generateCatalogue } from '../../../shared/demo/generate-catalogue';
import {
  IMPORT_CHUNK,
  importCatalogue,
  importsOfFile,
  loadCatalogueItem,
  searchCatalogue,
  versionInForceOn,
  versionsNewestFirst,
  type CatalogueImport,
  type ImportProgress,
} from './catalogue';
import { searchCatalogueVersion } from './catalogue-index';
import { reasonOf, storeWithOwner } from './testing/store';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

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

const file = (overrides: Partial<CatalogueImport> = {}): CatalogueImport => ({
  fileName: '2026年目录.csv',
  fileHash: HASH_A,
  effectiveFrom: '2026-01-01',
  entries: [AMOXICILLIN, ROOT_CANAL],
  ...overrides,
});

describe('importing the insurance catalogue', () => {
  it('an import is a version with its items, one audit event, and outbox entries for all three', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const outboxBefore = await db.outbox.count();
    const version = await importCatalogue(ctx, ownerActor, file());
    expect(version).toMatchObject({ effectiveFrom: '2026-01-01', itemCount: 2, fileHash: HASH_A });
    const items = await db.catalogueItems.where('versionId').equals(version.id).toArray();
    expect(items.map((i) => i.code).sort()).toEqual(['310511001', 'XJ01CA001']);
    const audit = await db.auditEvents.filter((event) => event.entity === 'catalogue').toArray();
    expect(audit).toMatchObject([
      { action: 'import', entityId: version.id, summary: '2026年目录.csv' },
    ]);
    // The version, the audit event, and the items in one entry (one chunk).
    const added = (await db.outbox.toArray()).filter((e) => e.hlc === version.hlc);
    expect(await db.outbox.count()).toBe(outboxBefore + 3);
    expect(added.map((e) => e.table).sort()).toEqual([
      'auditEvents',
      'catalogueItems',
      'catalogueVersions',
    ]);
    const itemsEntry = added.find((e) => e.table === 'catalogueItems')!;
    expect(itemsEntry).toMatchObject({
      op: 'insert',
      entityId: `${version.id}:0`,
      hlc: version.hlc,
    });
    expect((itemsEntry.data as { items: unknown[] }).items).toEqual(expect.arrayContaining(items));
    // One transaction: consecutive device numbers under one txId, in the order they were written.
    const numbered = added.sort((a, b) => a.deviceSeq - b.deviceSeq);
    expect(new Set(numbered.map((e) => e.txId)).size).toBe(1);
    expect(numbered.map((e) => e.txIndex)).toEqual([0, 1, 2]);
    expect(numbered[2]!.deviceSeq - numbered[0]!.deviceSeq).toBe(2);
  });

  it('only the insurance officer and the owner may import', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = { ...ownerActor, roles: ['front-desk' as const] };
    await expect(importCatalogue(ctx, desk, file())).rejects.toBeInstanceOf(PermissionError);
    const officer = { ...ownerActor, roles: ['insurance-officer' as const] };
    await expect(importCatalogue(ctx, officer, file())).resolves.toBeDefined();
  });

  it('refuses an invalid item, a duplicate code or no items, and saves nothing', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const badRatio = { ...AMOXICILLIN, selfPayRatioBp: 500 };
    expect(await reasonOf(importCatalogue(ctx, ownerActor, file({ entries: [badRatio] })))).toBe(
      'invalid-input',
    );
    const twice = [AMOXICILLIN, { ...ROOT_CANAL, code: 'xj01ca001' }];
    expect(await reasonOf(importCatalogue(ctx, ownerActor, file({ entries: twice })))).toBe(
      'invalid-input',
    );
    expect(await reasonOf(importCatalogue(ctx, ownerActor, file({ entries: [] })))).toBe(
      'invalid-input',
    );
    expect(await db.catalogueVersions.count()).toBe(0);
    expect(await db.catalogueItems.count()).toBe(0);
  });

  it('a failure halfway through the items leaves no version, no item, no audit event', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const auditBefore = await db.auditEvents.count();
    const outboxBefore = await db.outbox.count();
    const entries = generateCatalogue('half', IMPORT_CHUNK + 10);
    const bulkAdd = db.catalogueItems.bulkAdd.bind(db.catalogueItems);
    let calls = 0;
    vi.spyOn(db.catalogueItems, 'bulkAdd').mockImplementation((...args) => {
      if (++calls === 2) throw new Error('disk full');
      return bulkAdd(...(args as Parameters<typeof bulkAdd>));
    });
    await expect(importCatalogue(ctx, ownerActor, file({ entries }))).rejects.toThrow('disk full');
    expect(calls).toBe(2);
    expect(await db.catalogueVersions.count()).toBe(0);
    expect(await db.catalogueItems.count()).toBe(0);
    expect(await db.auditEvents.count()).toBe(auditBefore);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('reports progress while making search keys and while writing, up to every item', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const entries = generateCatalogue('progress', IMPORT_CHUNK * 2 + 1);
    const seen: ImportProgress[] = [];
    await importCatalogue(ctx, ownerActor, file({ entries }), (p) => seen.push(p));
    expect(seen.filter((p) => p.phase === 'keys').map((p) => p.done)).toEqual([2000, 4000, 4001]);
    expect(seen.filter((p) => p.phase === 'write').map((p) => p.done)).toEqual([2000, 4000, 4001]);
  });

  it('recognises the same file imported before', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    await importCatalogue(ctx, ownerActor, file());
    expect(await importsOfFile(db, HASH_A)).toHaveLength(1);
    expect(await importsOfFile(db, HASH_B)).toEqual([]);
  });
});

describe('the catalogue in force on a date', () => {
  const twoVersions = async () => {
    const store = await storeWithOwner();
    const { ctx, ownerActor } = store;
    const first = await importCatalogue(ctx, ownerActor, file());
    const second = await importCatalogue(
      ctx,
      ownerActor,
      file({
        fileName: '2026年7月目录.xlsx',
        fileHash: HASH_B,
        effectiveFrom: '2026-07-01',
        entries: [{ ...AMOXICILLIN, priceFen: 1180 }],
      }),
    );
    return { ...store, first, second };
  };

  it('a visit uses the version in force on its date, not the newest', async () => {
    const { db, first, second } = await twoVersions();
    expect(await versionInForceOn(db, '2025-12-31')).toBeUndefined();
    expect((await versionInForceOn(db, '2026-06-30'))?.id).toBe(first.id);
    expect((await versionInForceOn(db, '2026-07-01'))?.id).toBe(second.id);
    expect((await versionsNewestFirst(db)).map((v) => v.id)).toEqual([second.id, first.id]);
    const [june] = await searchCatalogue(db, '2026-06-30', 'XJ01');
    const [july] = await searchCatalogue(db, '2026-07-01', 'XJ01');
    expect([june?.priceFen, july?.priceFen]).toEqual([1250, 1180]);
    expect(await searchCatalogue(db, '2026-07-01', '显微')).toEqual([]);
    expect(await searchCatalogue(db, '2025-12-31', 'XJ01')).toEqual([]);
  });

  it('finds items by code, 汉字, pinyin and initials, from their start or anywhere in them', async () => {
    const { db, first } = await twoVersions();
    const names = async (query: string) =>
      (await searchCatalogueVersion(db, first.id, query)).map((i) => i.name);
    expect(await names('xj01')).toEqual(['阿莫西林胶囊']);
    expect(await names('3105')).toEqual(['显微根管治疗']);
    expect(await names('阿莫')).toEqual(['阿莫西林胶囊']);
    expect(await names('显微')).toEqual(['显微根管治疗']);
    expect(await names('根管')).toEqual(['显微根管治疗']);
    expect(await names('genguan')).toEqual(['显微根管治疗']);
    expect(await names('ca001')).toEqual(['阿莫西林胶囊']);
    expect(await names('amoxi')).toEqual(['阿莫西林胶囊']);
    expect(await names('xwggzl')).toEqual(['显微根管治疗']);
    expect(await names('ＡＭＸＬ')).toEqual(['阿莫西林胶囊']);
    expect(await names('  ')).toEqual([]);
  });

  it('finds 龈上洁治术（洗牙） by 洗牙 or 洁治, with the exact code first, then starts, then middles', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const scaling = { ...ROOT_CANAL, code: '310514001', name: '龈上洁治术（洗牙）' };
    const fluoride = { ...ROOT_CANAL, code: '310514002', name: '洗牙后局部涂氟' };
    const version = await importCatalogue(
      ctx,
      ownerActor,
      file({ entries: [AMOXICILLIN, ROOT_CANAL, fluoride, scaling] }),
    );
    const names = async (query: string) =>
      (await searchCatalogueVersion(db, version.id, query)).map((i) => i.name);
    expect(await names('洗牙')).toEqual(['洗牙后局部涂氟', '龈上洁治术（洗牙）']);
    expect(await names('洁治')).toEqual(['龈上洁治术（洗牙）']);
    expect(await names('jiezhi')).toEqual(['龈上洁治术（洗牙）']);
    expect(await names('310514001')).toEqual(['龈上洁治术（洗牙）']);
    expect(await names('3105')).toEqual(['显微根管治疗', '龈上洁治术（洗牙）', '洗牙后局部涂氟']);
    expect(await names('0514')).toEqual(['龈上洁治术（洗牙）', '洗牙后局部涂氟']);
  });

  it('a short query over many versions still fills the page from the right version', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const entries = generateCatalogue('many', 300);
    const versions: CatalogueVersion[] = [];
    for (const [i, day] of ['2026-01-01', '2026-04-01', '2026-07-01'].entries())
      versions.push(
        await importCatalogue(
          ctx,
          ownerActor,
          file({ effectiveFrom: day, fileHash: String(i).repeat(64), entries }),
        ),
      );
    const found = await searchCatalogueVersion(db, versions[1]!.id, 'x', 40);
    expect(found).toHaveLength(40);
    expect(found.every((i) => i.versionId === versions[1]!.id)).toBe(true);
    expect(await loadCatalogueItem(db, found[0]!.id)).toEqual(found[0]);
    expect(await reasonOf(loadCatalogueItem(db, 'nope'))).toBe('not-found');
  });
});
