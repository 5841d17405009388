import type { IdDocumentType } from '../identity/id-number';

/** Why another patient may be this one (PRODUCT.md §1.4: 冒名顶替 and 借卡 signs). */
export type DuplicateMatch = 'id-number' | 'card-number' | 'name-birth-date';

/**
 * What registering beside look-alikes takes. A valid resident ID number (居民身份证, checked
 * digit and all) names one person: a second record for it is refused unless the insurance
 * officer or the owner approves it with their own login and a reason. A shared card number, or
 * the same name and birth date, may be two people: the desk says why it is sure, for the audit.
 */
export type DuplicateGate = 'clear' | 'reason' | 'officer';

export const duplicateGate = (
  idType: IdDocumentType,
  found: readonly { matches: readonly DuplicateMatch[] }[],
): DuplicateGate => {
  if (found.length === 0) return 'clear';
  const sameId = found.some((d) => d.matches.includes('id-number'));
  return sameId && idType === 'resident' ? 'officer' : 'reason';
};

/**
 * The patients of a list that a person could take for one another: the same name and birth date
 * (what the desk reads first). These lines show what tells them apart: the ID and phone tails,
 * and the last visit.
 */
export const lookAlikes = (
  patients: readonly { id: string; name: string; birthDate: string }[],
): Set<string> => {
  const byKey = new Map<string, string[]>();
  for (const p of patients) {
    const key = `${p.name}|${p.birthDate}`;
    byKey.set(key, [...(byKey.get(key) ?? []), p.id]);
  }
  return new Set([...byKey.values()].filter((ids) => ids.length > 1).flat());
};
