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
