import { liveQuery } from 'dexie';
import { createHubClient } from '../../../shared/sync/hub-client';
import { registerPatient } from '../db/patients';
import type { StoreContext } from '../db/write';
import { completeSetup } from '../db/setup';
import { ownerActor } from './owner-actor';
import { useSyncStatus } from '../features/sync/sync-status';
import { pairWithHub, readHubLink } from '../sync/engine';

/**
 * One workstation's side of the live-latency bench (tests/bench/sync-live.ts): the bench drives
 * two pages, each its own store paired with the same hub, step by step. Writes go through the
 * app's own registration, so they reach the hub through the outbox and the app's engine; the
 * other page's engine takes them when the hub's live channel wakes it. Nothing here pokes an
 * engine.
 *
 * Instants are wall-clock milliseconds (timeOrigin + now), so the two pages' instants compare.
 */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * What this page saw, from `watch` on: each patient's first appearance, each emptied outbox, and
 * each event of the bench's own live channel.
 */
const seen = {
  patients: new Map<string, number>(),
  outboxEmptied: [] as number[],
  liveEvents: [] as number[],
  changed: new Set<() => void>(),
};

const tell = () => {
  for (const listener of seen.changed) listener();
};

/** Resolves with `find()` once it is defined, or undefined after `timeoutMs`. */
const waitFor = <T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> =>
  new Promise((resolve) => {
    const done = (value: T | undefined) => {
      clearTimeout(timer);
      seen.changed.delete(check);
      resolve(value);
    };
    const check = () => {
      const value = find();
      if (value !== undefined) done(value);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    seen.changed.add(check);
    check();
  });

/** Pairs this store with the hub and waits until the app's engine finished its first exchange. */
const pair = async (
  ctx: StoreContext,
  input: { url: string; code: string; deviceName: string; clinicName?: string },
) => {
  // The first workstation is the clinic's: its owner is who registers the patients, a real
  // account every PC's permission verdict knows (shared/sync/verdict.ts).
  if (input.clinicName && (await ctx.db.staff.count()) === 0)
    await completeSetup(ctx, {
      clinic: { name: input.clinicName, regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'benchowner', displayName: '基准负责人', password: 'Bench#Owner2026' },
    });
  await pairWithHub(ctx.db, input);
  const online = await new Promise<boolean>((resolve) => {
    const deadline = Date.now() + 60_000;
    const poll = () => {
      const { state, initial } = useSyncStatus.getState().status;
      if (state === 'online' && !initial) resolve(true);
      else if (Date.now() > deadline) resolve(false);
      else setTimeout(poll, 20);
    };
    poll();
  });
  if (!online)
    throw new Error(`the engine is not online: ${JSON.stringify(useSyncStatus.getState().status)}`);
  return true;
};

/**
 * Watches the store as a screen does (liveQuery, after each commit): notes when each patient
 * first appears, and when the outbox empties (the hub acknowledged every push). With `listen`,
 * also opens a live channel of its own beside the engine's, only to note when the hub's events
 * reach this page: it splits the latency into the hub's notice and the engine's pull.
 */
const watch = async (ctx: StoreContext, input: { listen: boolean }) => {
  liveQuery(() => ctx.db.patients.toCollection().primaryKeys()).subscribe({
    next: (ids) => {
      const at = wallNow();
      for (const id of ids) if (!seen.patients.has(String(id))) seen.patients.set(String(id), at);
      tell();
    },
  });
  liveQuery(() => ctx.db.outbox.count()).subscribe({
    next: (count) => {
      if (count === 0) seen.outboxEmptied.push(wallNow());
      tell();
    },
  });
  const link = input.listen ? await readHubLink(ctx.db) : undefined;
  if (link) {
    const client = createHubClient({ url: link.url, token: link.token });
    void client
      .live({
        onLogEnd: () => {
          seen.liveEvents.push(wallNow());
          tell();
        },
      })
      .catch(() => undefined);
  }
  return true;
};

/** One first-visit registration through the app's write path; distinct names and numbers. */
const write = async (ctx: StoreContext, input: { serial: number }) => {
  const startedAt = wallNow();
  const patient = await registerPatient(ctx, await ownerActor(ctx), {
    name: `同步测试${input.serial}`,
    sex: input.serial % 2 ? 'male' : 'female',
    birthDate: '1985-06-12',
    idType: 'passport',
    idNumber: `E${String(input.serial).padStart(8, '0')}`,
    phone: '13800138000',
    insuredRegion: {},
    scheme: 'self-pay',
    priorReimbursements: '',
    notes: '',
  });
  return { id: patient.id, startedAt, committedAt: wallNow() };
};

/** When the patient first appeared in this store (`watch` must run first), or null. */
const arrived = async (_ctx: StoreContext, input: { id: string; timeoutMs: number }) =>
  (await waitFor(() => seen.patients.get(input.id), input.timeoutMs)) ?? null;

/** The first instant after `after` at which this store's outbox was empty again, or null. */
const pushed = async (_ctx: StoreContext, input: { after: number; timeoutMs: number }) =>
  (await waitFor(() => seen.outboxEmptied.find((at) => at >= input.after), input.timeoutMs)) ??
  null;

/** The first event of this page's own live channel after `after` (`watch` with `listen`), or null. */
const heard = async (_ctx: StoreContext, input: { after: number; timeoutMs: number }) =>
  (await waitFor(() => seen.liveEvents.find((at) => at >= input.after), input.timeoutMs)) ?? null;

const steps = { pair, watch, write, arrived, pushed, heard };

export type SyncLiveSteps = typeof steps;
export type SyncLiveStep = keyof SyncLiveSteps;
export type SyncLiveInput<K extends SyncLiveStep> = Parameters<SyncLiveSteps[K]>[1];
export type SyncLiveResult<K extends SyncLiveStep> = Awaited<ReturnType<SyncLiveSteps[K]>>;

export const syncLive = <K extends SyncLiveStep>(
  ctx: StoreContext,
  step: K,
  input: SyncLiveInput<K>,
): Promise<SyncLiveResult<K>> =>
  (steps[step] as (ctx: StoreContext, input: SyncLiveInput<K>) => Promise<SyncLiveResult<K>>)(
    ctx,
    input,
  );
