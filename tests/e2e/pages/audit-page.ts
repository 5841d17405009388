import { expect, type Page } from '@playwright/test';

/** What the specs reach through the dev hook (renderer/src/main.tsx). */
type DevHook = {
  __clinicdeskDev: {
    db: {
      auditEvents: {
        toArray(): Promise<{ id: string; deviceId: string; seq: number }[]>;
        bulkDelete(ids: string[]): Promise<void>;
      };
    };
    chainCheckpoints(): Promise<{ deviceId: string; seq: number }[]>;
  };
};

export class AuditPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/audit');
    await expect(this.page.getByTestId('verify-chain')).toBeVisible();
  }

  rows() {
    return this.page.getByTestId('audit-row');
  }

  /** Rows whose action tag is `action` (e.g. 'lock'), whatever the language. */
  rowsWithAction(action: string) {
    return this.rows().filter({ has: this.page.locator(`[data-action="${action}"]`) });
  }

  async verifyChain() {
    await this.page.getByTestId('verify-chain').click();
    return this.page.getByTestId('chain-result');
  }

  /** Changes one stored event behind the app's back, as someone editing the database file would. */
  async tamperWithEvent(
    matchSummary: string,
    newSummary: string,
  ): Promise<{ seq: number; id: string }> {
    return this.page.evaluate(
      ([match, replacement]) =>
        new Promise<{ seq: number; id: string }>((resolve, reject) => {
          const open = indexedDB.open('clinicdesk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('auditEvents', 'readwrite');
            const store = tx.objectStore('auditEvents');
            const all = store.getAll();
            all.onsuccess = () => {
              const event = (all.result as { seq: number; id: string; summary: string }[]).find(
                (e) => e.summary.includes(match),
              );
              if (!event) return reject(new Error('no such event'));
              store.put({ ...event, summary: replacement });
              tx.oncomplete = () => {
                open.result.close();
                resolve({ seq: event.seq, id: event.id });
              };
            };
          };
        }),
      [matchSummary, newSummary] as const,
    );
  }

  /** The checkpoints the host keeps, once every committed chain head has reached it. */
  async checkpoints(): Promise<{ deviceId: string; seq: number }[]> {
    return this.page.evaluate(() =>
      (globalThis as unknown as DevHook).__clinicdeskDev.chainCheckpoints(),
    );
  }

  /**
   * Deletes this PC's last `count` audit events behind the app's back, as someone with the
   * database open would: the events left still link, only the checkpoint can tell.
   */
  async deleteLastEvents(count: number): Promise<{ lastSeq: number; checkpointSeq: number }> {
    return this.page.evaluate(async (n) => {
      const dev = (globalThis as unknown as DevHook).__clinicdeskDev;
      const [checkpoint] = await dev.chainCheckpoints();
      if (!checkpoint) throw new Error('no checkpoint yet');
      const mine = (await dev.db.auditEvents.toArray())
        .filter((e) => e.deviceId === checkpoint.deviceId)
        .sort((a, b) => a.seq - b.seq);
      await dev.db.auditEvents.bulkDelete(mine.slice(-n).map((e) => e.id));
      return { lastSeq: mine.length - n, checkpointSeq: checkpoint.seq };
    }, count);
  }
}
