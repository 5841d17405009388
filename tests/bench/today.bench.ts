import { seedBusyDay } from '../e2e/pages/today-page';
import { allowNamedHelpers, fillLogin, logOut, setUpClinic } from './bench-clinic';
import type { BenchRow, BenchTable } from './bench-table';
import { inFreshProfile, percentile, withRendererServer } from './chromium-harness';
import { step, type Step, type Target } from './page-step';

export const name = 'today';
export const description =
  'the Today screen on a busy day in real Chromium: login to rows, a quick click away, leaving';

/** How many patients, and how many of them today: BENCH_TODAY_PATIENTS, BENCH_TODAY_VISITS. */
const sizes = () => {
  const patients = Number(process.env.BENCH_TODAY_PATIENTS ?? '20000');
  const visits = Number(process.env.BENCH_TODAY_VISITS ?? '1200');
  if (!Number.isSafeInteger(patients) || !Number.isSafeInteger(visits) || visits > patients) {
    throw new RangeError('BENCH_TODAY_VISITS must be a whole number no larger than the patients');
  }
  return { patients, visits };
};
/** Logins per measurement: the first also pays for code and indexes not yet warm. */
const RUNS = 4;
/** How long after the menu appears a person's click on 患者 comes. */
const HUMAN_DELAY_MS = 300;

const LOGIN: Target = { css: 'button', text: '登录' };
const PATIENTS_MENU: Target = { css: '[role="menuitem"]', text: '患者' };
const MENU = { ...PATIENTS_MENU, mark: 'menu' };
const FIRST_ROW = { css: '[data-testid="today-visit"]', mark: 'first rows' };
const PATIENT_SEARCH = { css: '[data-testid="patient-search"]', mark: 'patients screen' };

type Measured = { login: Step[]; quickClick: Step[]; leave: Step[] };

const measure = async (url: string, patients: number, visits: number): Promise<Measured> => {
  const { result } = await inFreshProfile(url, async ({ page }) => {
    await setUpClinic(page);
    console.error(`seeding ${patients.toLocaleString('en-US')} patients, ${visits} today …`);
    await seedBusyDay(page, { patients, visits });
    await logOut(page);
    await allowNamedHelpers(page);
    const everyVisit = {
      css: '[role="tab"]',
      textIncludes: `（${visits}）`,
      mark: 'every visit counted',
    };
    const measured: Measured = { login: [], quickClick: [], leave: [] };
    for (let run = 0; run < RUNS; run++) {
      console.error(`run ${run + 1} of ${RUNS} …`);
      await fillLogin(page);
      measured.login.push(
        await step(page, {
          click: LOGIN,
          waits: [MENU, FIRST_ROW, everyVisit],
          settleMs: 500,
        }),
      );
      measured.leave.push(
        await step(page, { click: PATIENTS_MENU, waits: [PATIENT_SEARCH], settleMs: 500 }),
      );
      await logOut(page);
      await fillLogin(page);
      measured.quickClick.push(
        await step(page, {
          click: LOGIN,
          waits: [PATIENT_SEARCH],
          then: [{ when: PATIENTS_MENU, delayMs: HUMAN_DELAY_MS, click: PATIENTS_MENU }],
          settleMs: 1000,
        }),
      );
      if (!page.url().endsWith('#/patients')) throw new Error(`the click landed on ${page.url()}`);
      await logOut(page);
    }
    return measured;
  });
  return result;
};

const rows = (what: string, steps: Step[], mark: string): BenchRow => {
  // The first run warms code and indexes; the others are what a desk sees all day.
  const warm = steps.slice(1);
  const ms = warm.map((s) => s.marks[mark]!);
  return {
    measure: what,
    'first run ms': steps[0]!.marks[mark]!,
    'median ms': percentile(ms, 50),
    'max ms': Math.max(...ms),
    'longest task ms': percentile(
      warm.map((s) => Math.max(0, ...s.longTasks)),
      50,
    ),
    'blocked ms': percentile(
      warm.map((s) => s.longTasks.reduce((sum, d) => sum + d, 0)),
      50,
    ),
  };
};

export const run = async (): Promise<BenchTable[]> => {
  const { patients, visits } = sizes();
  const result = await withRendererServer((url) => measure(url, patients, visits));
  return [
    {
      title: `Today on a busy day: ${visits.toLocaleString('en-US')} visits today, ${patients.toLocaleString('en-US')} patients (owner's login, Chromium, IndexedDB on disk)`,
      rows: [
        rows('login → menu shown', result.login, 'menu'),
        rows('login → first visits shown', result.login, 'first rows'),
        rows(`login → tab counts all ${visits}`, result.login, 'every visit counted'),
        rows('leave Today → patients screen', result.leave, 'patients screen'),
        rows(
          `login, 患者 clicked ${HUMAN_DELAY_MS} ms after the menu shows → patients screen`,
          result.quickClick,
          'patients screen',
        ),
      ],
      note: [
        `${RUNS} logins; median and max over all but the first. Times are to the first painted `,
        'frame showing the element. "longest task" and "blocked" (the sum of long tasks, each ',
        'over 50 ms) are medians over the runs, counted until 0.5–1 s after the last mark: how long ',
        'the page could not answer a click.',
      ].join(''),
    },
  ];
};
