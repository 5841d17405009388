/** The longest history a demo clinic has: five years of visits up to its end date. */
export const HISTORY_DAYS = 5 * 365 + 1;
/** The shortest: a clinic with few records has used ClinicDesk for a month at least. */
export const MIN_HISTORY_DAYS = 30;
/** A small clinic's ordinary day sees a few dozen visits … */
export const MIN_VISITS_PER_DAY = 30;
/** … and a few hundred at the most: more than that is a hospital's outpatient hall. */
export const MAX_VISITS_PER_DAY = 300;

export type ClinicVolume = {
  /** Visits on an ordinary day, on average. */
  visitsPerDay: number;
  /** How many days, up to and including the end date, the visits spread over. */
  historyDays: number;
  /** Mean visits per patient once the day's ceiling is applied. */
  visitsPerPatient: number;
};

/**
 * How busy a generated clinic is, from its size. Five years of three visits per patient give
 * patients / 1000 × 1.6 visits a day; that is kept between a few dozen and a few hundred. A large
 * store (the benches' 1,000,000 patients) has fewer visits per patient rather than a day no small
 * clinic sees (an issue in the trial run: 1,059 visits on the demo's "today"); a small one has a
 * shorter history rather than a day with one visit in it.
 */
export const clinicVolume = (patients: number, visitsPerPatient: number): ClinicVolume => {
  const visits = patients * visitsPerPatient;
  const natural = visits / HISTORY_DAYS;
  if (natural > MAX_VISITS_PER_DAY)
    return {
      visitsPerDay: MAX_VISITS_PER_DAY,
      historyDays: HISTORY_DAYS,
      visitsPerPatient: (MAX_VISITS_PER_DAY * HISTORY_DAYS) / patients,
    };
  if (natural < MIN_VISITS_PER_DAY && visits > 0) {
    const historyDays = Math.max(MIN_HISTORY_DAYS, Math.ceil(visits / MIN_VISITS_PER_DAY));
    return { visitsPerDay: visits / historyDays, historyDays, visitsPerPatient };
  }
  return { visitsPerDay: natural, historyDays: HISTORY_DAYS, visitsPerPatient };
};
