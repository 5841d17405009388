/**
 * Merging two records of one person (issue 12: two PCs registered the same ID number offline).
 * Nothing is rewritten: the merged-away record only gains a pointer, `mergedInto`, to the record
 * that survives; its visits, checks and signed notices stay where they were (a consent's hash
 * covers its patient), and every read follows the pointer.
 *
 * Pointers merge like any edit, so two PCs can merge the same pair in opposite directions while
 * offline (A into B here, B into A there). After sync both pointers exist on every PC; the rule
 * below turns them into one answer, the same everywhere: a loop of pointers survives as its
 * lowest id.
 */

/**
 * The record `id` stands for: follow `mergedInto` until a record that points nowhere. `next`
 * returns a record's pointer, or undefined when it has none or the record is not on this PC yet
 * (then the last record reached survives, so a patient never vanishes behind a pointer to a
 * record that has not arrived).
 */
export const survivorOf = (id: string, next: (id: string) => string | undefined): string => {
  const path: string[] = [];
  let current = id;
  for (;;) {
    const seen = path.indexOf(current);
    if (seen >= 0) {
      // A loop: opposite merges made offline. Its lowest id survives, whoever is asked.
      return path.slice(seen).reduce((low, other) => (other < low ? other : low));
    }
    path.push(current);
    const pointer = next(current);
    if (pointer === undefined) return current;
    current = pointer;
  }
};

/** What a merge needs from the person doing it. */
export const MERGE_REASON_MAX = 500;
