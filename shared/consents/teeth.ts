import { z } from 'zod';

/**
 * Tooth positions in the FDI two-digit notation dentists in China write on every chart: the
 * quadrant (1–4 permanent, 5–8 primary) then the tooth counted from the midline (1–8 permanent,
 * 1–5 primary). 16 is the upper right first molar, 75 a child's lower left second molar.
 */
export const isFdiTooth = (code: string): boolean => {
  const match = /^([1-8])([1-8])$/.exec(code);
  if (!match) return false;
  const quadrant = Number(match[1]);
  const tooth = Number(match[2]);
  return quadrant <= 4 ? tooth <= 8 : tooth <= 5;
};

export const fdiToothSchema = z.string().refine(isFdiTooth, 'fdi-tooth');

/** A line concerns at most every tooth of one mouth. */
export const TEETH_MAX = 52;

/** The teeth a plan line concerns, each once, in chart order (quadrant, then from the midline). */
export const teethSchema = z
  .array(fdiToothSchema)
  .min(1)
  .max(TEETH_MAX)
  .refine((teeth) => new Set(teeth).size === teeth.length, 'teeth-repeated');

export type TeethParse = { ok: true; teeth: string[] } | { ok: false; invalid: string };

/**
 * What a person types in the 牙位 box: "16 26", "16,26", "16、26", "16，26". Empty means the line
 * concerns no particular tooth. A token that is not an FDI tooth is returned, to be named in the
 * message ("37" is fine, "19" and "1" are not); repeats are dropped; the result is sorted.
 */
export const parseTeeth = (text: string): TeethParse => {
  const tokens = text.split(/[\s,，、;；/]+/).filter((token) => token !== '');
  for (const token of tokens) if (!isFdiTooth(token)) return { ok: false, invalid: token };
  const teeth = [...new Set(tokens)].sort();
  if (teeth.length > TEETH_MAX) return { ok: false, invalid: teeth[TEETH_MAX]! };
  return { ok: true, teeth };
};

/** As printed on the plan, the notice and the fee list: "16 26". */
export const formatTeeth = (teeth: readonly string[]): string => teeth.join(' ');
