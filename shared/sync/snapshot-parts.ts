/**
 * The hub keeps its snapshot in parts by what a new workstation needs first: the clinic's setup
 * (staff, settings, catalogue), then patients (search works as soon as they are in), then visits
 * and their records (today's work first), then the history (audit events, archive). A device
 * applies the parts in this order; the merge does not depend on the order, the people waiting do.
 */
export const SNAPSHOT_PARTS = ['setup', 'patients', 'visits', 'history'] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

/** Segments built before the snapshot had parts hold every table. */
export type SegmentPart = SnapshotPart | 'all';

const PART_OF: Readonly<Record<string, SnapshotPart>> = {
  staff: 'setup',
  settings: 'setup',
  catalogueVersions: 'setup',
  catalogueItems: 'setup',
  patients: 'patients',
  visits: 'visits',
  plannedItems: 'visits',
  verifications: 'visits',
  verificationReviews: 'visits',
  consents: 'visits',
  consentVoids: 'visits',
};

/** The part a table's changes go to; tables added later go to the history until placed. */
export const snapshotPartOf = (table: string): SnapshotPart => PART_OF[table] ?? 'history';

/** Parts whose newest segments come first: today's visits before last year's. */
const NEWEST_FIRST: ReadonlySet<SegmentPart> = new Set(['visits', 'history', 'all']);

const rank = (part: SegmentPart): number => (part === 'all' ? -1 : SNAPSHOT_PARTS.indexOf(part));

/** The order a device applies a manifest's segments in. */
export const snapshotOrder = <T extends { part: SegmentPart; from: number }>(
  segments: readonly T[],
): T[] =>
  [...segments].sort(
    (a, b) =>
      rank(a.part) - rank(b.part) || (NEWEST_FIRST.has(a.part) ? b.from - a.from : a.from - b.from),
  );
