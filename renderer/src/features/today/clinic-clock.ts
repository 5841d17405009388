import { formatClinicTime } from '../../../../shared/clock/clinic-time';

/** "HH:mm" on the clinic's wall clock: the day is already on the screen. */
export const clinicClock = (iso: string): string => formatClinicTime(iso).slice(11, 16);
