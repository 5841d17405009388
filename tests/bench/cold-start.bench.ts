import type { Page } from '@playwright/test';
import { allowNamedHelpers, fillLogin, logOut, setUpClinic } from './bench-clinic';
import type { BenchRow, BenchTable } from './bench-table';
import {
  END_DATE,
  inFreshProfile,
  patientCount,
  percentile,
  withRendererServer,
} from './chromium-harness';
import { step, type Step, type Target } from './page-step';

export const name = 'cold-start';
export const description =
  'opening the app on a big clinic in real Chromium: to the login screen, and login to a usable search';

/** Opens per measurement (the figures are medians of 16). */
const RUNS = 16;

type DevHook = {
  seed: (patients: number, endDate: string) => Promise<unknown>;
  db: { patients: { toCollection: () => { first: () => Promise<{ name: string } | undefined> } } };
};

const LOGIN: Target = { css: 'button', text: '登录' };
const PATIENTS_MENU: Target = { css: '[role="menuitem"]', text: '患者' };
const SEARCH_BOX = { css: '[data-testid="patient-search"]' };
const FIRST_RESULT = { css: '#patient-results [role="option"]', mark: 'first result' };

/**
 * Set before any of the page's own scripts run, on every load: the time (from the start of the
 * navigation) of the first painted frame that shows the login form, and of DOMContentLoaded.
 */
const markLoginShown = () => {
  const marks = ((globalThis as Record<string, unknown>).__coldStart = {}) as Record<
    string,
    number
  >;
  document.addEventListener('DOMContentLoaded', () => (marks.domContentLoaded = performance.now()));
  const poll = () => {
    if (document.querySelector('#login_username'))
      requestAnimationFrame(() => (marks.loginShown = performance.now()));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

type Open = { domContentLoaded: number; loginShown: number; search: Step };

const openOnce = async (page: Page, url: string, query: string): Promise<Open> => {
  await page.goto('about:blank');
  await page.goto(url);
  const marks = await page.waitForFunction(() => {
    const marks = (globalThis as unknown as { __coldStart?: Record<string, number> }).__coldStart;
    return marks?.loginShown !== undefined ? marks : undefined;
  });
  const { domContentLoaded, loginShown } = (await marks.jsonValue()) as Record<string, number>;
  await allowNamedHelpers(page);
  await fillLogin(page);
  const search = await step(page, {
    click: LOGIN,
    then: [
      { when: { ...PATIENTS_MENU, mark: 'menu' }, click: PATIENTS_MENU },
      { when: { ...SEARCH_BOX, mark: 'search box' }, type: query },
    ],
    waits: [FIRST_RESULT],
    settleMs: 300,
  });
  await logOut(page);
  return { domContentLoaded: domContentLoaded!, loginShown: loginShown!, search };
};

const measure = async (url: string, patients: number) => {
  const { result } = await inFreshProfile(url, async ({ page }) => {
    await setUpClinic(page);
    console.error(`seeding ${patients.toLocaleString('en-US')} patients …`);
    await page.evaluate(
      ({ patients, endDate }) =>
        (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev.seed(
          patients,
          endDate,
        ),
      { patients, endDate: END_DATE },
    );
    // The first two characters of a stored name: a query with answers, as at the desk.
    const query = await page.evaluate(async () => {
      const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
      return [...((await db.patients.toCollection().first())?.name ?? '王')].slice(0, 2).join('');
    });
    await logOut(page);
    // As a string: tsx's __name() wrappers need the stand-in before the function runs.
    await page.addInitScript(`globalThis.__name = (fn) => fn; (${markLoginShown.toString()})();`);
    const opens: Open[] = [];
    for (let run = 0; run < RUNS; run++) {
      console.error(`open ${run + 1} of ${RUNS} …`);
      opens.push(await openOnce(page, url, query));
    }
    return opens;
  });
  return result;
};

const row = (what: string, values: number[], target: string): BenchRow => ({
  measure: what,
  'first ms': values[0]!,
  'median ms': percentile(values, 50),
  'p95 ms': percentile(values, 95),
  target,
});

export const run = async (): Promise<BenchTable[]> => {
  const patients = patientCount();
  const opens = await withRendererServer((url) => measure(url, patients));
  const marks = (mark: string) => opens.map((open) => open.search.marks[mark]!);
  const blocked = opens.map((open) => open.search.longTasks.reduce((sum, d) => sum + d, 0));
  return [
    {
      title: `Cold start: ${patients.toLocaleString('en-US')} patients (Chromium, IndexedDB on disk, ${RUNS} opens)`,
      rows: [
        row(
          'navigation → DOMContentLoaded',
          opens.map((o) => o.domContentLoaded),
          '',
        ),
        row(
          'navigation → login screen shown',
          opens.map((o) => o.loginShown),
          '< 1000',
        ),
        row('login → menu shown', marks('menu'), ''),
        row('login → 患者 clicked at once → search box shown', marks('search box'), ''),
        row('login → … → name typed → first result shown', marks('first result'), '< 1000'),
        row('main thread blocked by long tasks during login → result', blocked, ''),
      ],
      note: [
        'Each open loads the page afresh in the same profile (the store already holds the clinic), ',
        'as a restart of the app does. Times are from the start of the navigation or the click on ',
        '登录 to the first painted frame that shows the element; the search is the first two ',
        'characters of a stored name. BENCH_PATIENTS sets the clinic size (100,000 by default).',
      ].join(''),
    },
  ];
};
