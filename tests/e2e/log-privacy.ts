import type { Page } from '@playwright/test';

/** What a store holds that must never reach a log: its patients' (and guardians') details. */
type PatientData = { names: string[]; idNumbers: string[]; phones: string[] };

type DevHook = {
  __clinicdeskDev?: {
    db: { patients: { toArray(): Promise<Record<string, unknown>[]> } };
  };
};

/** A resident ID number (18 characters) or a mainland mobile number, standing alone. */
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/**
 * Everything a page writes to its console or throws, for `leaksIn` once the test is done (issue
 * 10.13: no patient data in logs). The console is where a desktop app's logs go.
 */
export const watchConsole = (page: Page): string[] => {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`uncaught: ${error.stack ?? error.message}`));
  return lines;
};

/** The patients the page's store holds, when it is the app's page with its dev hook. */
const patientDataOf = async (page: Page): Promise<PatientData> => {
  const none = { names: [], idNumbers: [], phones: [] };
  if (page.isClosed()) return none;
  try {
    return await page.evaluate(async () => {
      const dev = (globalThis as unknown as DevHook).__clinicdeskDev;
      const rows = dev ? await dev.db.patients.toArray() : [];
      const text = (value: unknown) => (typeof value === 'string' && value ? [value] : []);
      const people = rows.flatMap((row) => [
        row,
        ...(row.guardian ? [row.guardian] : []),
      ]) as Record<string, unknown>[];
      return {
        names: people.flatMap((p) => text(p.name)),
        idNumbers: people.flatMap((p) => text(p.idNumber)),
        phones: people.flatMap((p) => text(p.phone)),
      };
    });
  } catch {
    // A page gone elsewhere (a closed store, a crash): the patterns below still apply.
    return none;
  }
};

/**
 * The console lines that carry a patient's name, ID number or phone (those the page's store
 * holds), or anything shaped like an ID number or a mobile number.
 */
export const leaksIn = async (page: Page, lines: readonly string[]): Promise<string[]> => {
  if (lines.length === 0) return [];
  const known = await patientDataOf(page);
  const values = [...known.names, ...known.idNumbers, ...known.phones];
  return lines.filter(
    (line) => ID_NUMBER.test(line) || MOBILE.test(line) || values.some((v) => line.includes(v)),
  );
};
