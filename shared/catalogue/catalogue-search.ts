import type { CatalogueEntry } from './catalogue';

/**
 * Pinyin of a name, one reading per character (code point) in context, lower case, without tones;
 * a character without one comes back unchanged. Injected so that shared/ carries no dictionary.
 */
export type NamePinyin = (name: string) => readonly string[];

const HAN = /\p{Script=Han}/u;

/** Lower case, full-width to ASCII, no spaces: how keys are stored and queries compared. */
export const searchText = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** Full pinyin and initials: Chinese characters by their reading, letters and digits as words. */
const spell = (characters: readonly string[], toPinyin: NamePinyin) => {
  const readings = toPinyin(characters.join(''));
  let full = '';
  let initials = '';
  let inWord = false;
  characters.forEach((character, i) => {
    const reading = HAN.test(character) ? readings[i] : undefined;
    if (reading && /^[a-z]+$/.test(reading)) {
      full += reading;
      initials += reading[0];
      inWord = false;
    } else if (/^[a-z0-9]$/.test(character)) {
      full += character;
      if (!inWord) initials += character;
      inWord = true;
    } else inWord = false;
  });
  return { full, initials };
};

/**
 * What staff type to find an item, each matched from its start: the code ("xj01"), the name
 * ("阿莫西林"), full pinyin ("amoxilin") and initials ("amxl"). A specification in brackets
 * ("阿莫西林胶囊（0.25g×24粒）") is left out of the pinyin: nobody types it. Keys for the middle of
 * a name ("根管" in 显微根管治疗) were tried and dropped: they were 3–4 more keys per item and a
 * sixth of a 20,000-item import's time (tests/bench/catalogue.bench.ts).
 */
export const catalogueSearchKeys = (
  entry: Pick<CatalogueEntry, 'code' | 'name'>,
  toPinyin: NamePinyin,
): string[] => {
  const name = searchText(entry.name);
  const keys = new Set<string>([searchText(entry.code), name]);
  const characters = [...(name.split(/[([【]/u)[0] ?? name)];
  const { full, initials } = spell(characters, toPinyin);
  keys.add(full);
  keys.add(initials);
  keys.delete('');
  return [...keys];
};
