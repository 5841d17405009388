import type { Staff } from '../../../../shared/staff/staff';

const byName = new Intl.Collator('zh-CN').compare;

/** Active people first (the ones the owner manages day to day), then by name in pinyin order. */
export const orderStaff = <T extends Pick<Staff, 'active' | 'displayName' | 'username'>>(
  staff: readonly T[],
): T[] =>
  [...staff].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      byName(a.displayName, b.displayName) ||
      a.username.localeCompare(b.username),
  );
