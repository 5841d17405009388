import type { CatalogueItem, CatalogueVersion } from '../../../shared/catalogue/catalogue';
import { catalogueSearchKeys } from '../../../shared/catalogue/catalogue-search';
import { encodeHlc } from '../../../shared/clock/hlc';
import { DEMO_DEVICE_ID } from '../../../shared/demo/generate-clinic';
import { generateCatalogue } from '../../../shared/demo/generate-catalogue';
import { demoId } from '../../../shared/demo/demo-id';
import { createRng } from '../../../shared/demo/prng';
import { sha256Hex } from '../../../shared/hash';
import type { ClinicDb } from './database';
import { namePinyin } from './pinyin';

/** A small clinic's list: the plain dental and general items, and some packs and strengths. */
export const DEMO_CATALOGUE_ITEMS = 200;

/**
 * Development builds only: gives a demo clinic the catalogue its visits need, in force from
 * before its first visit. Once per store: a second seed keeps the version already there. Like the
 * rest of the demo, it bypasses the audit trail; nobody imported this file.
 */
export const seedDemoCatalogue = async (
  db: ClinicDb,
  options: { seed: string | number; effectiveFrom: string },
): Promise<number> => {
  if ((await db.catalogueVersions.count()) > 0) return 0;
  const rng = createRng(`${options.seed}:catalogue-ids`);
  const at = Date.parse(`${options.effectiveFrom}T08:00:00+08:00`);
  const iso = new Date(at).toISOString();
  const version: CatalogueVersion = {
    id: demoId(rng, at),
    effectiveFrom: options.effectiveFrom,
    fileName: '演示医保目录.csv',
    itemCount: DEMO_CATALOGUE_ITEMS,
    fileHash: sha256Hex(`demo-catalogue:${options.seed}`),
    createdAt: iso,
    createdBy: 'demo',
    updatedAt: iso,
    updatedBy: 'demo',
    deviceId: DEMO_DEVICE_ID,
    hlc: encodeHlc({ wall: at, counter: 0, node: DEMO_DEVICE_ID }),
  };
  const items: CatalogueItem[] = generateCatalogue(options.seed, DEMO_CATALOGUE_ITEMS).map(
    (entry) => ({
      ...entry,
      id: demoId(rng, at),
      versionId: version.id,
      searchKeys: catalogueSearchKeys(entry, namePinyin),
    }),
  );
  await db.transaction('rw', db.catalogueVersions, db.catalogueItems, async () => {
    await db.catalogueVersions.add(version);
    await db.catalogueItems.bulkAdd(items);
  });
  return items.length;
};
