import { spellings, type PinyinReadings } from '../patients/patient';
import type { CatalogueEntry } from './catalogue';

/** Names shorter than this after a start are not worth a key: "囊" alone finds half the list. */
const MIN_INFIX = 2;

/** Lower case, full-width to ASCII, no spaces: how keys are stored and queries compared. */
export const searchText = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * What staff type to find an item: the code ("xj01"), the name from its start ("阿莫西林") or
 * from any later character ("根管" finds 显微根管治疗), full pinyin ("amoxilin") and initials
 * ("amxl"). A specification in brackets ("阿莫西林胶囊（0.25g×24粒）") is left out of the pinyin:
 * nobody types it, and it would only lengthen every key.
 */
export const catalogueSearchKeys = (
  entry: Pick<CatalogueEntry, 'code' | 'name'>,
  toPinyin: PinyinReadings,
): string[] => {
  const name = searchText(entry.name);
  const keys = new Set<string>([searchText(entry.code), name]);
  const base = name.split(/[([]/u)[0] ?? name;
  const characters = [...base];
  for (let start = 1; start <= characters.length - MIN_INFIX; start++)
    keys.add(characters.slice(start).join(''));
  for (const { full, initials } of spellings(base, toPinyin)) {
    keys.add(full);
    keys.add(initials);
  }
  keys.delete('');
  return [...keys];
};
