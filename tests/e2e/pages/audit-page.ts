import { expect, type Page } from '@playwright/test';

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
}
