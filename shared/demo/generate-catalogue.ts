import { RATIO_SCALE, type CatalogueEntry, type Coverage } from '../catalogue/catalogue';
import { CATALOGUE_STEMS, CLASS_B_RATIOS, SPECS, type CatalogueStem } from './catalogue-items';
import { createRng, type Rng } from './prng';

/** Codes carry a six-digit serial, so a million items is where they would stop being unique. */
const MAX_ITEMS = 999_999;
const DRUG_SPECS = SPECS.slice(0, 9);
const OTHER_SPECS = SPECS.slice(9);

const ratioFor = (rng: Rng, coverage: Coverage): number =>
  coverage === 'class-a' ? 0 : coverage === 'self-pay' ? RATIO_SCALE : rng.pick(CLASS_B_RATIOS);

/** Drugs are priced to the jiao, services to the yuan, as local price lists write them. */
const priceFor = (rng: Rng, stem: CatalogueStem): number => {
  const step = stem.category === 'drug' || stem.category === 'material' ? 10 : 100;
  const low = Math.ceil(stem.minFen / step);
  const high = Math.max(low, Math.floor(stem.maxFen / step));
  return rng.int(low, high) * step;
};

/**
 * A clinic's insurance catalogue, the same for the same seed: the first ~100 items are the plain
 * dental and general-practice list; beyond that, the same items in other strengths and packs, as a
 * city's full list repeats a drug for every specification. Codes are unique.
 */
export const generateCatalogue = (seed: string | number, count: number): CatalogueEntry[] => {
  if (!Number.isInteger(count) || count < 0 || count > MAX_ITEMS)
    throw new RangeError(`count must be an integer from 0 to ${MAX_ITEMS}, got ${count}`);
  const rng = createRng(`${seed}:catalogue`);
  const entries: CatalogueEntry[] = [];
  for (let index = 0; index < count; index++) {
    const stem = CATALOGUE_STEMS[index % CATALOGUE_STEMS.length]!;
    const round = Math.floor(index / CATALOGUE_STEMS.length);
    const specs = stem.category === 'drug' ? DRUG_SPECS : OTHER_SPECS;
    const name = round === 0 ? stem.name : `${stem.name}（${rng.pick(specs)}）`;
    entries.push({
      code: `${stem.stem}${String(index + 1).padStart(6, '0')}`,
      name,
      category: stem.category,
      unit: stem.unit,
      priceFen: priceFor(rng, stem),
      coverage: stem.coverage,
      selfPayRatioBp: ratioFor(rng, stem.coverage),
      ...(stem.restriction ? { restriction: stem.restriction } : {}),
    });
  }
  return entries;
};
