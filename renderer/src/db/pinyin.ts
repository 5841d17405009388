import { pinyin } from 'pinyin-pro';
import type { PinyinReadings } from '../../../shared/patients/patient';

/**
 * Every reading of one character, lower case, no tones ("曾" → ["zeng", "ceng"]), from
 * pinyin-pro's dictionary. Non-Chinese characters have none.
 */
export const pinyinReadings: PinyinReadings = (character) => {
  if (!/\p{Script=Han}/u.test(character)) return [];
  const readings = pinyin(character, { toneType: 'none', multiple: true, type: 'array' });
  return [...new Set(readings.map((r) => r.toLowerCase()).filter((r) => /^[a-zü]+$/.test(r)))].map(
    (r) => r.replace('ü', 'v'),
  );
};

/**
 * One reading per character of a whole name, chosen in context by pinyin-pro's phrase
 * dictionary ("曲安奈德" → qu an nai de), lower case, no tones; characters without a reading
 * come back as they are. For catalogue items: one right spelling is worth more there than every
 * possible one, and each extra spelling is two more index keys on 20,000 rows.
 */
export const namePinyin = (name: string): readonly string[] =>
  pinyin(name, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase().replace('ü', 'v'));
