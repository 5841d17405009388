import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { ALSO_FIELD } from '../../shared/sync/merge-spec';
import { createHubClient } from '../../shared/sync/hub-client';
import { voidConsent } from '../../renderer/src/db/consents';
import { registerPatient } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf, updateStaffProfile } from '../../renderer/src/db/staff';
import { putCatalogue, signImplant } from '../../renderer/src/db/testing/consents';
import { disposeOf } from '../../renderer/src/db/testing/disposal';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { addTeam, failCheck } from '../../renderer/src/db/testing/visits';
import { checkIn } from '../../renderer/src/db/visits';
import { rowClocksKey } from '../../renderer/src/db/write';
import { HUB_LINK_KEY, type HubLink } from '../../renderer/src/sync/engine';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { REFOLD_KEY, refoldRefused } from '../../renderer/src/sync/refused';
import { syncDown } from '../../renderer/src/sync/snapshot';
import { fetchAttachments } from '../../renderer/src/sync/attachments';
import { clock, workstation, type Workstation } from './workstations';

const sync = async (ws: Workstation) => {
  await pushOutbox(ws.ctx.db, ws.client);
  await pullAll(ws.apply, ws.client);
};

/** One exchange as the engine runs it: push, pull, then fold again what the log refused. */
const exchange = async (ws: Workstation) => {
  await sync(ws);
  await refoldRefused(ws.apply, ws.client);
};

type Disposed = readonly (readonly [table: string, id: string])[];

/** A photo as the webcam gives it (a few JPEG bytes are enough). */
const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250, 0xff, 0xd9])], {
  type: 'image/jpeg',
});

/** What a PC holds of each disposed row: the row (a photo's bytes read), its clocks, its erasure. */
const heldOf = async (ws: Workstation, rows: Disposed) =>
  Promise.all(
    rows.map(async ([table, id]) => {
      const row = (await ws.ctx.db.table(table).get(id)) as Record<string, unknown> | undefined;
      const blob = row?.blob instanceof Blob ? row.blob : undefined;
      return {
        table,
        row: blob ? { ...row, blob: Array.from(new Uint8Array(await blob.arrayBuffer())) } : row,
        clocks: await ws.ctx.db.rowClocks.get(rowClocksKey(table, id)),
        erasure: (await ws.ctx.db.erasures.get(rowClocksKey(table, id)))?.data,
      };
    }),
  );

describe.each(testBackends())(
  'a disposal refused by the clinic, on the PC that carried it out, through the $name hub',
  (backend) => {
    let hub: TestHub | undefined;
    afterEach(async () => {
      await hub?.dispose();
      hub = undefined;
    });

    /**
     * The desk PC and the chair PC hold a patient, his photo, his visit's failed check, his signed implant
     * notice, its void (written at both PCs offline: the earliest wins, the other is kept beside
     * it) and the check's audit event. `compacted`: the hub has since moved their bodies from
     * its log to the snapshot, as it does with any record older than its devices' cursors.
     */
    const clinic = async (compacted: boolean) => {
      hub = await startTestHub(backend, { clock });
      const desk = await workstation(hub, 'desk', true);
      const { owner } = await completeSetup(desk.ctx, {
        clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
        owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
      });
      const lina = actorOf(owner);
      const team = await addTeam(desk.ctx, lina);
      const items = await putCatalogue(desk.ctx, 'cat-2026', '2026-01-01');
      const zhang = await registerPatient(desk.ctx, lina, ZHANG_SAN, { photo: jpeg });
      const visit = await checkIn(desk.ctx, actorOf(team.desk), zhang.id);
      const check = await failCheck(desk.ctx, actorOf(team.desk), visit.id);
      const checkEvent = (await desk.ctx.db.auditEvents
        .filter((e) => e.entity === 'verification' && e.entityId === check.id)
        .first())!;
      const consent = await signImplant({
        ctx: desk.ctx,
        doctor: actorOf(team.clinician),
        visit,
        items,
      } as never);
      await sync(desk);
      const chair = await workstation(hub, 'chair');
      await sync(chair);
      expect(await fetchAttachments(chair.ctx.db, chair.client)).toBe(1);
      // Both void the notice, offline: the desk first.
      clock.advance(60_000);
      await voidConsent(desk.ctx, lina, consent.id, '签错了');
      clock.advance(60_000);
      await voidConsent(chair.ctx, lina, consent.id, '患者要求重签');
      await sync(desk);
      await sync(chair);
      await sync(desk);
      // The desk took the photo: nothing to fetch.
      expect(await fetchAttachments(desk.ctx.db, desk.client)).toBe(0);
      const both = (await desk.ctx.db.consentVoids.get(consent.id)) as Record<string, unknown>;
      expect([
        both.reason,
        (both[ALSO_FIELD] as { reason: string }[]).map((v) => v.reason),
      ]).toEqual(['签错了', ['患者要求重签']]);
      if (compacted) {
        await hub.hub.store.maintain(true);
        expect((await hub.hub.store.info()).horizon).toBeGreaterThan(0);
      }
      const disposed: Disposed = [
        ['patients', zhang.id],
        ['attachments', zhang.photoId!],
        ['verifications', check.id],
        ['consents', consent.id],
        ['consentVoids', consent.id],
        ['auditEvents', checkEvent.id],
      ];
      return { hub, desk, chair, lina, team, disposed };
    };

    /** The officer disposes of every row at the desk; each table is one disposal. */
    const disposeAll = async (
      desk: Workstation,
      officer: Parameters<typeof actorOf>[0],
      disposed: Disposed,
    ) => {
      let n = 0;
      for (const [table, id] of disposed)
        await disposeOf(desk.ctx, actorOf(officer), table, [id], `d-${++n}`);
    };

    it.each([
      ['in its log', false],
      ['in its snapshot only (compacted)', true],
    ])(
      'gives back every row it erased, written once or editable, as the other PCs and a new one hold them (the hub keeps their content %s)',
      async (_where, compacted) => {
        const { desk, chair, lina, team, disposed } = await clinic(compacted);
        const before = await heldOf(chair, disposed);
        expect(before.every((held) => held.row !== undefined)).toBe(true);

        // At the chair the owner makes 赵敏 front desk only, and that reaches the log first;
        // meanwhile at the desk, which still knows her as the officer, she disposes of them all.
        clock.advance(60_000);
        await updateStaffProfile(chair.ctx, lina, team.officer.id, {
          displayName: team.officer.displayName,
          roles: ['front-desk'],
        });
        await sync(chair);
        await disposeAll(desk, team.officer, disposed);
        const gone = await heldOf(desk, disposed);
        expect(gone.map((held) => [held.table, held.erasure !== undefined])).toEqual(
          disposed.map(([table]) => [table, true]),
        );

        // The refusal comes back with the pull: every row is noted to be folded again, and a
        // hub out of reach leaves them noted.
        await sync(desk);
        const keys = disposed.map(([table, id]) => rowClocksKey(table, id));
        expect((await desk.ctx.db.syncState.get(REFOLD_KEY))?.value).toEqual(keys);
        const link = (await desk.ctx.db.syncState.get(HUB_LINK_KEY))!.value as HubLink;
        const unreachable = createHubClient({ url: 'http://127.0.0.1:9', token: link.token });
        await expect(refoldRefused(desk.apply, unreachable)).rejects.toThrow();
        expect((await desk.ctx.db.syncState.get(REFOLD_KEY))?.value).toEqual(keys);

        expect(await refoldRefused(desk.apply, desk.client)).toBe(disposed.length);
        expect((await desk.ctx.db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
        // The photo's bytes come back as a pulled photo's do, after the rows.
        expect(await fetchAttachments(desk.ctx.db, desk.client)).toBe(1);
        await exchange(chair);
        const late = await workstation(hub!, 'late');
        await hub!.hub.store.maintain(true);
        await syncDown(late.apply, late.client);
        expect(await fetchAttachments(late.ctx.db, late.client)).toBe(1);
        for (const ws of [desk, chair, late]) expect(await heldOf(ws, disposed)).toEqual(before);
        // Shown to the owner on every PC, in words: who tried, and that nothing was erased.
        for (const ws of [desk, chair]) {
          const issues = await ws.ctx.db.syncIssues.toArray();
          expect(
            issues
              .filter((issue) => issue.refusal?.reason === 'role-not-held')
              .map((issue) => [issue.kind, issue.table, issue.entityId].join(' '))
              .sort(),
          ).toEqual(disposed.map(([table, id]) => `quarantined ${table} ${id}`).sort());
        }
      },
    );

    it('leaves an accepted disposal alone: nothing comes back on the PC that carried it out', async () => {
      const { desk, chair, team, disposed } = await clinic(true);
      clock.advance(60_000);
      await disposeAll(desk, team.officer, disposed);
      await exchange(desk);
      await exchange(chair);
      expect((await desk.ctx.db.syncState.get(REFOLD_KEY))?.value).toBeUndefined();
      for (const ws of [desk, chair]) {
        const held = await heldOf(ws, disposed);
        // The audit event stays wiped (its chain needs it); every other row is gone.
        expect(
          held.map(({ table, row, erasure }) => [table, row !== undefined, !!erasure]),
        ).toEqual(disposed.map(([table]) => [table, table === 'auditEvents', true]));
        expect(held.find((h) => h.table === 'auditEvents')?.row).toMatchObject({ summary: '' });
        expect(await ws.ctx.db.syncIssues.filter((i) => i.kind === 'quarantined').count()).toBe(0);
      }
    });
  },
);
