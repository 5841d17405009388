import { gunzipSync } from 'node:zlib';
import { snapshotOrder } from '../../shared/sync/snapshot-parts';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { createHubClient, HubRequestError } from '../../shared/sync/hub-client';
import { PROTOCOL_HEADER, SYNC_LIMITS, type LogEntry } from '../../shared/sync/protocol';
import { testBackends } from './testing/backends';
import { makeChanges, startTestHub, type TestHub } from './testing/test-hub';

const refusal = async (promise: Promise<unknown>): Promise<HubRequestError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubRequestError) return error;
    throw error;
  }
  throw new Error('expected the hub to refuse');
};

describe.each(testBackends())('the sync hub on $name', (backend) => {
  let current: TestHub | undefined;
  const start = async (options: Parameters<typeof startTestHub>[1] = {}) => {
    current = await startTestHub(backend, options);
    return current;
  };
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });

  describe('who may talk to it', () => {
    it('answers /health without a token, and refuses /v1 without one', async () => {
      const { hub } = await start();
      const client = createHubClient({ url: hub.url });
      expect(await client.health()).toMatchObject({ ok: true });
      const error = await refusal(client.info());
      expect([error.status, error.reason]).toEqual([401, 'unauthenticated']);
      expect(error.body.message?.zh).toContain('配对');
    });

    it('tells a client too old for it to update, in words', async () => {
      const { hub } = await start();
      const response = await fetch(`${hub.url}/v1/hub`, { headers: { [PROTOCOL_HEADER]: '0' } });
      expect(response.status).toBe(426);
      expect(await response.json()).toMatchObject({
        error: 'client-too-old',
        message: { zh: expect.stringContaining('更新 ClinicDesk') },
      });
    });

    it('lets the first device create the clinic as its admin, and pairs others with one-time codes', async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const owner = await test.pairClient('负责人办公室');
      const info = await owner.info();
      expect(info.clinicName).toBe('测试口腔诊所');
      const { code, expiresAt } = await owner.createPairingCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      expect(expiresAt - info.hub.time).toBe(10 * 60_000);
      const desk = createHubClient({ url: test.hub.url });
      const paired = await desk.pair({
        code: `${code.slice(0, 4)}-${code.slice(4).toLowerCase()}`,
        deviceName: '前台',
      });
      expect(paired).toMatchObject({
        admin: false,
        clinicName: '测试口腔诊所',
        clinicId: info.clinicId,
      });
      // single use
      const again = await refusal(
        createHubClient({ url: test.hub.url }).pair({ code, deviceName: '诊室' }),
      );
      expect([again.status, again.reason]).toEqual([403, 'wrong-code']);
      // a member cannot hand out codes or revoke
      expect((await refusal(desk.createPairingCode())).reason).toBe('not-admin');
      expect((await refusal(desk.revoke(owner.deviceId))).reason).toBe('not-admin');
    });

    it('refuses an expired code with the same words as a wrong one', async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const owner = await test.pairClient('负责人');
      const { code } = await owner.createPairingCode();
      clock.advance(10 * 60_000 + 1);
      const expired = await refusal(
        createHubClient({ url: test.hub.url }).pair({ code, deviceName: '前台' }),
      );
      const wrong = await refusal(
        createHubClient({ url: test.hub.url }).pair({ code: 'ZZZZZZZZ', deviceName: '前台' }),
      );
      expect(expired.body).toEqual(wrong.body);
      expect(expired.reason).toBe('wrong-code');
    });

    it('slows down someone guessing codes', async () => {
      const test = await start();
      await test.pairClient('负责人');
      const guesser = createHubClient({ url: test.hub.url });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (
            await refusal(
              guesser.pair({ code: `AAAA${String(i).padStart(4, '2')}`, deviceName: 'x' }),
            )
          ).status,
        );
      }
      expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    });

    it('refuses a revoked device at once, also on its open live channel', async () => {
      const test = await start();
      const owner = await test.pairClient('负责人');
      const desk = await test.pairClient('前台');
      let listening = false;
      const channel = desk.live({ onHello: () => (listening = true), onLogEnd: () => {} });
      await expect.poll(() => listening).toBe(true);
      await owner.revoke(desk.deviceId);
      await expect(channel).resolves.toBe('revoked');
      const error = await refusal(desk.push(makeChanges(desk.deviceId, 1, 1)));
      expect([error.status, error.reason]).toEqual([401, 'revoked']);
      const devices = (await owner.devices()).devices;
      expect(devices.find((d) => d.deviceId === desk.deviceId)?.revokedAt).not.toBeNull();
      // the clinic never loses its last admin
      expect((await refusal(owner.revoke(owner.deviceId))).reason).toBe('last-admin');
    });
  });

  describe('the log', () => {
    it('gives every change a seq in the order the hub took them, and serves them after a cursor', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室一');
      expect((await a.push(makeChanges(a.deviceId, 1, 4, { txSize: 2 }))).ackedThrough).toBe(4);
      await b.push(makeChanges(b.deviceId, 1, 2, { txSize: 2 }));
      const page = await b.pull(0);
      expect(page.changes.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(page.changes.map((e) => e.deviceId)).toEqual([
        a.deviceId,
        a.deviceId,
        a.deviceId,
        a.deviceId,
        b.deviceId,
        b.deviceId,
      ]);
      expect(page.changes[0]!.change).toEqual(makeChanges(a.deviceId, 1, 1, { txSize: 2 })[0]);
      expect(page).toMatchObject({ next: 6, more: false, hub: { logEnd: 6 } });
      expect((await b.pull(4)).changes.map((e) => e.seq)).toEqual([5, 6]);
    });

    it.runIf(backend.name === 'postgres')(
      'hands out seqs in commit order: a reader never sees a later push before an earlier one commits',
      async () => {
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        let holding = 0;
        const test = await start({
          hooks: {
            pushBeforeCommit: async () => {
              if (holding++ === 0) await held;
            },
          },
        });
        const a = await test.pairClient('前台');
        const b = await test.pairClient('诊室');
        const reader = await test.pairClient('办公室');
        const first = a.push(makeChanges(a.deviceId, 1, 2, { txSize: 2 }));
        await expect.poll(() => holding).toBe(1);
        const second = b.push(makeChanges(b.deviceId, 1, 2, { txSize: 2 }));
        // b's push waits for a's to commit; nothing of either is visible meanwhile
        expect((await reader.pull(0)).changes).toEqual([]);
        release();
        await Promise.all([first, second]);
        const page = await reader.pull(0);
        expect(page.changes.map((e) => [e.seq, e.deviceId])).toEqual([
          [1, a.deviceId],
          [2, a.deviceId],
          [3, b.deviceId],
          [4, b.deviceId],
        ]);
      },
    );

    it('takes a retried push once, and says which number is missing after a gap', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const changes = makeChanges(a.deviceId, 1, 3);
      await a.push(changes);
      expect(await a.push(changes)).toMatchObject({ ackedThrough: 3, accepted: 0, duplicates: 3 });
      // a push overlapping what the hub holds takes only the new part
      expect(await a.push([...changes.slice(2), ...makeChanges(a.deviceId, 4, 1)])).toMatchObject({
        ackedThrough: 4,
        accepted: 1,
        duplicates: 1,
      });
      const gap = await refusal(a.push(makeChanges(a.deviceId, 7, 1)));
      expect([gap.status, gap.reason, gap.body.expected]).toEqual([409, 'gap', 5]);
      expect((await a.pull(0)).changes).toHaveLength(4);
    });

    it('refuses and reports a repeated device number whose content differs', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      await a.push(makeChanges(a.deviceId, 1, 2));
      const forged = makeChanges(a.deviceId, 2, 1, {
        data: () => ({ fields: { name: '别的内容' } }),
      });
      const error = await refusal(a.push(forged));
      expect([error.status, error.reason, error.body.deviceSeq]).toEqual([
        422,
        'conflicting-duplicate',
        2,
      ]);
      const reported = test.logs.find((line) => line.includes('conflicting-duplicate'));
      expect(reported).toContain(a.deviceId);
    });

    it('holds a transaction split over two pushes until its last change, then logs it in one piece', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室');
      const tx = makeChanges(a.deviceId, 1, 3, { txSize: 3 });
      expect(await a.push(tx.slice(0, 2))).toMatchObject({ ackedThrough: 2, accepted: 2 });
      expect((await b.pull(0)).changes).toHaveLength(0);
      await b.push(makeChanges(b.deviceId, 1, 1));
      await a.push(tx.slice(2));
      const seqs = (await b.pull(0)).changes.map((e) => [
        e.seq,
        e.change.txIndex,
        e.deviceId === a.deviceId,
      ]);
      expect(seqs).toEqual([
        [1, 0, false],
        [2, 0, true],
        [3, 1, true],
        [4, 2, true],
      ]);
    });

    it('refuses a transaction that is broken off by another', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const first = makeChanges(a.deviceId, 1, 1, { txSize: 2 });
      const other = makeChanges(a.deviceId, 2, 1, { txSize: 1 }).map((c) => ({
        ...c,
        txId: 'another',
      }));
      const error = await refusal(a.push([...first, ...other]));
      expect([error.status, error.reason]).toEqual([400, 'broken-transaction']);
    });

    it('never ends a page inside a transaction', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      await a.push(makeChanges(a.deviceId, 1, 9, { txSize: 3 }));
      const page = await a.pull(0, { limit: 4 });
      expect(page.changes.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(page).toMatchObject({ next: 6, more: true });
      const small = await a.pull(0, { limit: 100, maxBytes: 1024 });
      expect(small.changes.length % 3).toBe(0);
      expect(small.changes.length).toBeLessThan(9);
    });

    it('refuses, as malformed, names with control characters and data it could not store', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const { code } = await a.createPairingCode();
      const named = await refusal(
        createHubClient({ url: test.hub.url }).pair({ code, deviceName: '诊室\u0000' }),
      );
      expect([named.status, named.reason]).toEqual([400, 'malformed']);
      let deep: unknown = 'x';
      for (let i = 0; i < 40; i++) deep = [deep];
      const nested = await refusal(a.push(makeChanges(a.deviceId, 1, 1, { data: () => deep })));
      expect([nested.status, nested.reason]).toEqual([400, 'malformed']);
      const body = JSON.stringify({
        changes: makeChanges(a.deviceId, 1, 1, { data: () => 12345 }),
      });
      const response = await fetch(`${test.hub.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.token}`, [PROTOCOL_HEADER]: '1' },
        body: body.replace('12345', '1e400'),
      });
      expect(response.status).toBe(400);
    });

    it('bounds a push by count and bytes, and says the limits', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const many = await refusal(
        a.push(makeChanges(a.deviceId, 1, SYNC_LIMITS.pushMaxChanges + 1)),
      );
      expect([many.status, many.reason]).toEqual([413, 'too-large']);
      expect(many.body.limits).toEqual({ maxChanges: 1000, maxBytes: SYNC_LIMITS.pushMaxBytes });
      const big = 'x'.repeat(SYNC_LIMITS.changeMaxBytes);
      const heavy = await refusal(a.push(makeChanges(a.deviceId, 1, 1, { data: () => big })));
      expect(heavy.status).toBe(413);
      const huge = await refusal(
        a.push(makeChanges(a.deviceId, 1, 10, { data: () => big.slice(0, 500_000) })),
      );
      expect(huge.status).toBe(413);
      expect((await a.pull(0)).changes).toHaveLength(0);
    });

    it('stamps every answer with its epoch, its time and the end of its log', async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const a = await test.pairClient('前台');
      await a.push(makeChanges(a.deviceId, 1, 2));
      const response = await fetch(`${test.hub.url}/v1/hub`, {
        headers: { authorization: `Bearer ${a.token}`, [PROTOCOL_HEADER]: '1' },
      });
      expect(response.headers.get('x-hub-time')).toBe(String(clock.now()));
      expect(response.headers.get('x-log-end')).toBe('2');
      const info = (await response.json()) as { hub: { epoch: string } };
      expect(response.headers.get('x-hub-epoch')).toBe(info.hub.epoch);
      const ahead = await refusal(a.pull(5));
      expect([ahead.status, ahead.reason, ahead.body.hub]).toEqual([
        416,
        'cursor-ahead',
        expect.objectContaining({ logEnd: 2 }),
      ]);
    });

    it('wakes a listening device when the log grows', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室');
      const controller = new AbortController();
      const ends: number[] = [];
      let hello = false;
      const channel = b.live({
        onHello: () => (hello = true),
        onLogEnd: (end) => ends.push(end),
        signal: controller.signal,
      });
      await expect.poll(() => hello).toBe(true);
      await a.push(makeChanges(a.deviceId, 1, 2, { txSize: 2 }));
      await expect.poll(() => ends).toEqual([2]);
      controller.abort();
      await expect(channel).resolves.toBe('ended');
    });
  });

  describe('snapshots and compaction', () => {
    it('serves the log up to S as snapshot segments, then drops what every device has', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室');
      // a patient and its audit event in each transaction: they go to different parts
      await a.push(
        makeChanges(a.deviceId, 1, 30, { txSize: 2 }).map((change) =>
          change.txIndex === 1 ? { ...change, table: 'auditEvents' } : change,
        ),
      );
      expect((await refusal(b.snapshot())).reason).toBe('no-snapshot');
      await test.hub.store.maintain(true);
      const manifest = await b.snapshot();
      expect(manifest).toMatchObject({ format: 'log/1', seq: 30 });
      expect(manifest.segments.map((s) => [s.part, s.from, s.to, s.entries])).toEqual([
        ['patients', 0, 30, 15],
        ['history', 0, 30, 15],
      ]);
      const entries: LogEntry[] = [];
      for (const segment of snapshotOrder(manifest.segments)) {
        const text = gunzipSync(await b.segment(segment.id)).toString('utf8');
        entries.push(
          ...text
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as LogEntry),
        );
      }
      expect(entries.slice(0, 15).every((e) => e.change.table === 'patients')).toBe(true);
      entries.sort((x, y) => x.seq - y.seq);
      expect(entries).toEqual((await b.pull(0, { limit: 100 })).changes);
      // both devices have pulled everything: the log's bodies go, the snapshot holds them
      await a.pull(30);
      await b.pull(30);
      expect((await test.hub.store.maintain()).compactedThrough).toBe(30);
      const gone = await refusal(b.pull(10));
      expect([gone.status, gone.reason, gone.body.horizon]).toEqual([410, 'behind-horizon', 30]);
      await a.push(makeChanges(a.deviceId, 31, 2, { txSize: 2 }));
      expect((await b.pull(30)).changes.map((e) => e.seq)).toEqual([31, 32]);
    });

    it('keeps the log for a device that has not pulled yet', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      await test.pairClient('诊室');
      await a.push(makeChanges(a.deviceId, 1, 10));
      await a.pull(10);
      expect((await test.hub.store.maintain(true)).compactedThrough).toBe(0);
    });
  });

  describe('erasure', () => {
    it('wipes an erased record from the log and the snapshot, and keeps it wiped', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const patient = makeChanges(a.deviceId, 1, 1, {
        data: () => ({ fields: { name: '王小明' } }),
      })[0]!;
      await a.push([patient]);
      await test.hub.store.maintain(true);
      const erase = {
        ...makeChanges(a.deviceId, 2, 1)[0]!,
        entityId: patient.entityId,
        op: 'erase' as const,
        data: { disposal: 'd-1' },
      };
      await a.push([erase]);
      const late = {
        ...makeChanges(a.deviceId, 3, 1)[0]!,
        entityId: patient.entityId,
        data: { fields: { name: '王小明' } },
      };
      await a.push([late]);
      const page = await a.pull(0);
      expect(page.changes.map((e) => [e.erased ?? false, e.change.op, e.change.data])).toEqual([
        [true, 'upsert', null],
        [false, 'erase', { disposal: 'd-1' }],
        [true, 'upsert', null],
      ]);
      await test.hub.store.maintain(true);
      const manifest = await a.snapshot();
      let text = '';
      for (const segment of manifest.segments)
        text += gunzipSync(await a.segment(segment.id)).toString('utf8');
      expect(text).not.toContain('王小明');
      expect(text).toContain('d-1');
    });
  });

  describe('attachments', () => {
    it('stores a photo once by its hash and serves it back', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const bytes = new Uint8Array([1, 2, 3, 4, 5]);
      const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
      expect(await a.missingAttachments([hash])).toEqual([hash]);
      await a.putAttachment(hash, bytes);
      await a.putAttachment(hash, bytes);
      expect(await a.missingAttachments([hash])).toEqual([]);
      expect(Array.from(await a.getAttachment(hash))).toEqual([1, 2, 3, 4, 5]);
      const wrong = await refusal(a.putAttachment('0'.repeat(64), bytes));
      expect([wrong.status, wrong.reason]).toEqual([422, 'hash-mismatch']);
      expect((await refusal(a.getAttachment('1'.repeat(64)))).status).toBe(404);
    });
  });
});
