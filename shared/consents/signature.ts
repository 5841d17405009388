import { z } from 'zod';

/**
 * A handwritten signature as the strokes drawn on the pad: each stroke is a flat list of
 * x, y pairs in pad pixels, rounded to a tenth. Strokes (not a bitmap) are what the content hash
 * covers: compact, exact to serialise, and drawn crisp at any print size.
 */
export const signatureSchema = z.object({
  width: z.number().int().min(50).max(4000),
  height: z.number().int().min(20).max(2000),
  strokes: z
    .array(z.array(z.number().min(-1).max(4001)).max(20_000))
    .min(1)
    .max(500),
});
export type Signature = z.infer<typeof signatureSchema>;

/** Ink shorter than this share of the pad's width is a dot or a tick, not a signature. */
export const MIN_INK_RATIO = 0.3;
/** The signature must also spread across at least this share of the pad's width. */
export const MIN_SPAN_RATIO = 0.1;

export type SignatureProblem = 'empty' | 'too-short';

/** The length of all strokes drawn, in pad pixels. */
export const inkLength = (signature: Pick<Signature, 'strokes'>): number => {
  let total = 0;
  for (const stroke of signature.strokes)
    for (let i = 2; i + 1 < stroke.length; i += 2)
      total += Math.hypot(stroke[i]! - stroke[i - 2]!, stroke[i + 1]! - stroke[i - 1]!);
  return total;
};

const horizontalSpan = (signature: Pick<Signature, 'strokes'>): number => {
  let min = Infinity;
  let max = -Infinity;
  for (const stroke of signature.strokes)
    for (let i = 0; i < stroke.length; i += 2) {
      min = Math.min(min, stroke[i]!);
      max = Math.max(max, stroke[i]!);
    }
  return max > min ? max - min : 0;
};

/** Why a signature cannot be accepted, or undefined when it can. */
export const signatureProblem = (
  signature: Signature | undefined,
): SignatureProblem | undefined => {
  if (!signature || signature.strokes.every((s) => s.length < 2)) return 'empty';
  if (
    inkLength(signature) < signature.width * MIN_INK_RATIO ||
    horizontalSpan(signature) < signature.width * MIN_SPAN_RATIO
  )
    return 'too-short';
  return undefined;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Strokes from signature_pad's point groups, in the form stored and hashed. */
export const strokesFromPoints = (
  groups: readonly { points: readonly { x: number; y: number }[] }[],
): number[][] =>
  groups
    .map((group) => group.points.flatMap((p) => [round1(p.x), round1(p.y)]))
    .filter((stroke) => stroke.length >= 2);

/**
 * An SVG path for the strokes: quadratic curves through the midpoints, so the line is smooth
 * without inventing ink. A single point becomes a short dash so that it stays visible.
 */
export const signaturePath = (signature: Pick<Signature, 'strokes'>): string =>
  signature.strokes
    .map((s) => {
      if (s.length < 4) return `M${s[0]} ${s[1]}l0.1 0`;
      let d = `M${s[0]} ${s[1]}`;
      for (let i = 2; i + 3 < s.length; i += 2) {
        const mx = round1((s[i]! + s[i + 2]!) / 2);
        const my = round1((s[i + 1]! + s[i + 3]!) / 2);
        d += `Q${s[i]} ${s[i + 1]} ${mx} ${my}`;
      }
      d += `L${s[s.length - 2]} ${s[s.length - 1]}`;
      return d;
    })
    .join('');
