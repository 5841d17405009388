import type { CatalogueEntry } from './catalogue';

/**
 * Pinyin of a name, one reading per character (code point) in context, lower case, without tones;
 * a character without one comes back unchanged. Injected so that shared/ carries no dictionary.
 */
export type NamePinyin = (name: string) => readonly string[];

/** Names shorter than this after a start are not worth a key: "囊" alone finds half the list. */
const MIN_INFIX = 2;
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
 * What staff type to find an item: the code ("xj01"), the name from its start ("阿莫西林") or
 * from any later character ("根管" finds 显微根管治疗), full pinyin ("amoxilin") and initials
 * ("amxl"). A specification in brackets ("阿莫西林胶囊（0.25g×24粒）") is left out of the pinyin:
 * nobody types it, and it would only lengthen every key.
 */
export const catalogueSearchKeys = (
  entry: Pick<CatalogueEntry, 'code' | 'name'>,
  toPinyin: NamePinyin,
): string[] => {
  const name = searchText(entry.name);
  const keys = new Set<string>([searchText(entry.code), name]);
  const characters = [...(name.split(/[([【]/u)[0] ?? name)];
  for (let start = 1; start <= characters.length - MIN_INFIX; start++)
    keys.add(characters.slice(start).join(''));
  const { full, initials } = spell(characters, toPinyin);
  keys.add(full);
  keys.add(initials);
  keys.delete('');
  return [...keys];
};
