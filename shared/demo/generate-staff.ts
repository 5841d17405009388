import type { Role } from '../auth/roles';
import { dayNumber, type CalendarDate } from '../clock/calendar-date';
import type { Sex } from '../identity/sex';
import { chineseName, demoPinyin } from './chinese-names';
import { demoId } from './demo-id';
import { createRng } from './prng';

/** A staff member without a password: whoever loads the demo sets the passwords. */
export type DemoStaffMember = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
};

/**
 * One of each role of seed 002 #7, and a second clinician: the smallest clinic that works. As in
 * many small clinics, the front desk also dispenses (药师).
 */
const ROLES: readonly Role[][] = [
  ['owner'],
  ['front-desk', 'pharmacist'],
  ['clinician'],
  ['clinician'],
  ['insurance-officer'],
];

const DAY_MS = 86_400_000;

export const generateStaff = (options: {
  seed: string | number;
  setupDate: CalendarDate;
}): DemoStaffMember[] => {
  const rng = createRng(`${options.seed}:staff`);
  const at = dayNumber(options.setupDate) * DAY_MS + 9 * 3_600_000;
  const taken = new Set<string>();
  return ROLES.map((roles) => {
    const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
    const displayName = chineseName(rng, sex);
    // Usernames in pinyin, as clinics set them up ("wangfang"), with a number when two collide.
    const base = [...displayName].map((c) => demoPinyin(c)[0] ?? '').join('');
    let username = base;
    for (let n = 2; taken.has(username); n++) username = `${base}${n}`;
    taken.add(username);
    return { id: demoId(rng, at), username, displayName, roles };
  });
};
