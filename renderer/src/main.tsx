import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/500.css';
import '@fontsource/noto-sans-sc/700.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { verifyAuditChain } from '../../shared/audit/chain';
import { systemClock } from '../../shared/clock/clock';
import { AppRoot } from './app/app-root';
import { erasedAuditEvents } from './db/audit';
import { activeStoreName } from './db/active-store';
import { anchorChains } from './db/chain-anchor';
import { ClinicDb } from './db/database';
import { seedDemoClinic } from './db/demo-seed';
import { ensureDevice } from './db/device';
import { searchPatients } from './db/patients';
import { recordAuditEvent, type Actor } from './db/write';
import { initialLanguage } from './i18n/i18n';
import { getBridge } from './platform/bridge';
import type { DemoConsentOptions } from './dev/demo-consent';
import type { SyncLiveInput, SyncLiveStep } from './dev/sync-live-bench';

/** Who the dev and benchmark hooks act as: an owner, so they read and log as the real screens do. */
const DEV_HOOK_ACTOR: Actor = {
  staffId: 'dev-hook',
  name: '开发工具',
  roles: ['owner'],
  role: 'owner',
};

const start = async () => {
  const bridge = getBridge();
  const appInfo = await bridge.appInfo();
  const db = new ClinicDb(activeStoreName(localStorage));
  // Every append is anchored from the start: its checkpoint is kept by the host, not the store.
  const anchoring = anchorChains(db, bridge.auditAnchor);
  const device = await ensureDevice(db, systemClock, appInfo.deviceName);
  if (__DEV_TOOLS__) {
    // For Playwright and benchmarks: fill the store at scale without clicking through a form,
    // and drive the real audit write path (tests/bench/store-in-chromium.bench.ts).
    const ctx = { db, deviceId: device.deviceId, clock: systemClock };
    Object.assign(globalThis, {
      __clinicdeskDev: {
        db,
        seed: (patients: number, endDate: string) => seedDemoClinic(db, { patients, endDate }),
        /** `count` audit events, one after another, each its own transaction. */
        recordEvents: async (count: number) => {
          for (let i = 0; i < count; i++) {
            await recordAuditEvent(ctx, {
              actor: DEV_HOOK_ACTOR,
              action: 'view',
              entity: 'patient',
              entityId: `patient-${i}`,
              summary: '查看患者档案',
            });
          }
          return count;
        },
        verifyChain: async () =>
          verifyAuditChain(await db.auditEvents.toArray(), await erasedAuditEvents(db)),
        /** The host's checkpoints once every committed head is in (tests/e2e/audit-anchor.spec.ts). */
        chainCheckpoints: () => anchoring.checkpoints(),
        /** The search box's query (tests/bench/patient-search.bench.ts). */
        searchPatients: (query: string, limit?: number) =>
          searchPatients(db, DEV_HOOK_ACTOR, query, limit),
        /** A catalogue file through the import dialog's steps, timed (tests/bench/catalogue.bench.ts). */
        importCatalogueTimed: async (
          options: Parameters<
            typeof import('./dev/catalogue-import-timed').importCatalogueTimed
          >[1],
        ) => (await import('./dev/catalogue-import-timed')).importCatalogueTimed(ctx, options),
        /** A signed self-pay notice through the real write path (tests/e2e/consent-print.spec.ts). */
        signDemoConsent: async (options?: DemoConsentOptions) =>
          (await import('./dev/demo-consent')).signDemoConsent(ctx, options),
        /** Times draft, sign, open and render of notices (tests/bench/consent.bench.ts). */
        timeNotices: async (options: { items: number; runs: number }) =>
          (await import('./dev/notice-timing')).timeNotices(ctx, options),
        /** A new device's initial sync, and the bulk-write floor (tests/bench/sync.bench.ts). */
        syncInitialTimed: async (input: {
          url: string;
          code: string;
          patients: number;
          logEnd: number;
        }) => (await import('./dev/sync-bench')).syncInitialTimed(ctx, input),
        floorWriteTimed: async (input: { patients: number }) =>
          (await import('./dev/sync-bench')).floorWriteTimed(ctx, input),
        /** A backup file restored as the dialog does it, and the bulk-add floor (tests/bench/restore.bench.ts). */
        restoreTimed: async (input: { file: Blob; passphrase: string; batchRows?: number }) =>
          (await import('./dev/restore-bench')).restoreTimed(input),
        readAndCheckTimed: async (input: { file: Blob; passphrase: string }) =>
          (await import('./dev/restore-bench')).readAndCheckTimed(input),
        restoreFloorTimed: async (
          input: Parameters<typeof import('./dev/restore-bench').restoreFloorTimed>[0],
        ) => (await import('./dev/restore-bench')).restoreFloorTimed(input),
        /** One workstation's step in the live-latency bench (tests/bench/sync-live.ts). */
        syncLive: async <K extends SyncLiveStep>(step: K, input: SyncLiveInput<K>) =>
          (await import('./dev/sync-live-bench')).syncLive(ctx, step, input),
        /** A photo through the real write path, no camera needed (tests/e2e/sync.spec.ts). */
        saveDemoPhoto: async (patientId: string) =>
          (await import('./dev/demo-photo')).saveDemoPhoto(ctx, patientId),
        voidDemoConsent: async (consentId: string, reason: string) =>
          (await import('./dev/demo-consent')).voidDemoConsent(ctx, consentId, reason),
      },
    });
  }
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <AppRoot
      services={{ db, clock: systemClock, deviceId: device.deviceId, bridge, appInfo }}
      language={initialLanguage()}
    />,
  );
};

void start();
