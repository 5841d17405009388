import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { canonicalJson } from '../../shared/canonical-json';
import { mergeChange, type StoredRow } from '../../shared/sync/merge';
import { GENESIS_HASH, type AuditEvent } from '../../shared/audit/audit-event';
import { verifyAuditChain } from '../../shared/audit/chain';
import { sealAuditEvent, wipeAuditEvent } from '../../shared/audit/personal-digest';
import { snapshotOrder } from '../../shared/sync/snapshot-parts';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { createHubClient, HubRequestError } from '../../shared/sync/hub-client';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SYNC_LIMITS,
  WIRE_SCHEMA_VERSION,
  type LogEntry,
} from '../../shared/sync/protocol';
import { openPostgres, openSqlite, SQLITE_FILE, type HubTables } from './hub-db';
import { auditedDevice, disposalBy, erasureOf, ownerSetup } from './testing/audited-changes';
import { testBackends } from './testing/backends';
import { makeChanges, snapshotLines, startTestHub, type TestHub } from './testing/test-hub';

const OWNER = { actorId: 'staff-owner', actorName: '王芳', role: 'owner' as const };

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

    it('tells a client newer than it that the hub must be updated, and takes none of its changes', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const newer = await fetch(`${test.hub.url}/v1/hub`, {
        headers: {
          authorization: `Bearer ${a.token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1),
        },
      });
      expect(newer.status).toBe(426);
      expect(await newer.json()).toMatchObject({
        error: 'hub-too-old',
        accepts: { min: 1, max: PROTOCOL_VERSION },
        message: { zh: expect.stringContaining('运行同步服务的电脑') },
      });
      // a change written with a wire schema newer than the hub's: the whole push is refused
      const changes = makeChanges(a.deviceId, 1, 2);
      changes[1] = { ...changes[1]!, schemaVersion: WIRE_SCHEMA_VERSION + 1 };
      const refused = await refusal(a.push(changes));
      expect([refused.status, refused.reason, refused.body.accepts]).toEqual([
        426,
        'hub-too-old',
        { min: 1, max: WIRE_SCHEMA_VERSION },
      ]);
      expect((await a.pull(0)).changes).toEqual([]);
      expect(await a.push(changes.slice(0, 1))).toMatchObject({ ackedThrough: 1, accepted: 1 });
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

    it('keeps only a hash of each device token: no table and no file holds the token itself', async () => {
      const test = await start();
      const owner = await test.pairClient('负责人');
      const desk = await test.pairClient('前台');
      await desk.push(makeChanges(desk.deviceId, 1, 2));
      const tokens = [owner.token!, desk.token!];
      const stored = test.postgresUrl ? openPostgres(test.postgresUrl) : openSqlite(test.dataDir);
      try {
        const tables = await stored.db.introspection.getTables();
        expect(tables.map((t) => t.name)).toContain('devices');
        for (const table of tables) {
          const rows = await stored.db
            .selectFrom(table.name as keyof HubTables)
            .selectAll()
            .execute();
          const text = JSON.stringify(rows);
          for (const token of tokens) expect(text, table.name).not.toContain(token);
        }
        const devices = await stored.db.selectFrom('devices').select('token_hash').execute();
        expect(devices).toHaveLength(2);
      } finally {
        await stored.close();
      }
      if (!test.postgresUrl) {
        for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`]) {
          const bytes = await readFile(join(test.dataDir, file)).catch(() => Buffer.alloc(0));
          for (const token of tokens) expect(bytes.includes(token), file).toBe(false);
        }
      }
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

    it("records when it received each change by its own clock, whatever the device's clock says", async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const a = await test.pairClient('前台');
      const first = clock.now();
      // the PC's clock is a year ahead: its stamps say so, the hub's receivedAt does not
      await a.push(makeChanges(a.deviceId, 1, 2, { wall: first + 365 * 24 * 3600_000 }));
      clock.advance(90_000);
      await a.push(makeChanges(a.deviceId, 3, 1));
      const { changes } = await a.pull(0);
      expect(changes.map((e) => e.receivedAt)).toEqual([first, first, first + 90_000]);
    });

    it('lists each device with when it was last seen, what it acknowledged and its cursor', async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const owner = await test.pairClient('负责人');
      const paired = clock.now();
      const desk = await test.pairClient('前台');
      clock.advance(60_000);
      await desk.push(makeChanges(desk.deviceId, 1, 4, { txSize: 2 }));
      const pushedAt = clock.now();
      clock.advance(60_000);
      await owner.pull(0);
      await owner.pull(4);
      const pulledAt = clock.now();
      // both paired in the same millisecond: listed in one fixed order, however often they are seen
      const byId = (x: { deviceId: string }, y: { deviceId: string }) =>
        x.deviceId < y.deviceId ? -1 : 1;
      expect((await owner.devices()).devices).toEqual(
        [
          {
            deviceId: owner.deviceId,
            name: '负责人',
            admin: true,
            pairedAt: paired,
            lastSeenAt: pulledAt,
            ackedThrough: 0,
            cursor: 4,
            revokedAt: null,
          },
          {
            deviceId: desk.deviceId,
            name: '前台',
            admin: false,
            pairedAt: paired,
            lastSeenAt: pushedAt,
            ackedThrough: 4,
            cursor: 0,
            revokedAt: null,
          },
        ].sort(byId),
      );
    });

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

    it('refuses an audit chain that goes backwards, whichever PC pushes it, and takes one that goes on', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室');
      const event = (seq: number, hash: string) => ({
        id: `evt-${seq}-${hash}`,
        deviceId: 'desk-1',
        seq,
        hash: hash.repeat(64),
      });
      const audit = (device: string, fromSeq: number, events: ReturnType<typeof event>[]) =>
        makeChanges(device, fromSeq, events.length, {
          table: 'auditEvents',
          data: (deviceSeq) => events[deviceSeq - fromSeq],
        }).map((change, i) => ({ ...change, op: 'insert' as const, entityId: events[i]!.id }));
      await a.push(audit(a.deviceId, 1, [event(1, 'a'), event(2, 'b'), event(3, 'c')]));

      // The same events again (a restored PC pushing what it holds) are no news.
      await b.push(audit(b.deviceId, 1, [event(2, 'b'), event(3, 'c')]));
      // Another hash at the head the hub holds: the chain was rewritten.
      const rewritten = await refusal(b.push(audit(b.deviceId, 3, [event(3, 'd')])));
      expect([rewritten.status, rewritten.reason, rewritten.body.seq]).toEqual([
        409,
        'audit-chain-rewound',
        3,
      ]);
      expect(rewritten.body.message?.zh).toContain('审计日志');
      // An event below the head the hub never received: the store was rolled back and written on.
      const rolledBack = await refusal(b.push(audit(b.deviceId, 3, [event(2, 'e')])));
      expect(rolledBack.reason).toBe('audit-chain-rewound');
      await expect(b.push(audit(b.deviceId, 3, [event(4, 'f')]))).resolves.toMatchObject({
        accepted: 1,
      });
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

    it('stamps snapshot segments and attachment downloads as it stamps JSON answers', async () => {
      const clock = manualClock('2026-11-25T09:00:00+08:00');
      const test = await start({ clock });
      const a = await test.pairClient('前台');
      await a.push(makeChanges(a.deviceId, 1, 3));
      await test.hub.store.maintain(true);
      const { hub, segments } = await a.snapshot();
      const bytes = new Uint8Array([7, 7, 7]);
      const hash = createHash('sha256').update(bytes).digest('hex');
      await a.putAttachment(hash, bytes);
      const headers = { authorization: `Bearer ${a.token}`, [PROTOCOL_HEADER]: '1' };
      for (const path of [`/v1/snapshot/segments/${segments[0]!.id}`, `/v1/attachments/${hash}`]) {
        const response = await fetch(`${test.hub.url}${path}`, { headers });
        expect(response.status).toBe(200);
        expect([
          response.headers.get('x-hub-epoch'),
          response.headers.get('x-hub-time'),
          response.headers.get('x-log-end'),
        ]).toEqual([hub.epoch, String(clock.now()), '3']);
        await response.arrayBuffer();
      }
    });

    it('tells a caller without a valid token nothing about the log', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      await a.push(makeChanges(a.deviceId, 1, 2));
      const responses = await Promise.all([
        fetch(`${test.hub.url}/v1/hub`, { headers: { [PROTOCOL_HEADER]: '1' } }),
        fetch(`${test.hub.url}/v1/changes?after=0`, {
          headers: { authorization: `Bearer ${'x'.repeat(43)}`, [PROTOCOL_HEADER]: '1' },
        }),
        fetch(`${test.hub.url}/v1/hub`, { headers: { [PROTOCOL_HEADER]: '9' } }),
        fetch(`${test.hub.url}/v1/nothing-here`, { headers: { [PROTOCOL_HEADER]: '1' } }),
        fetch(`${test.hub.url}/v1/pair`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: '1' },
          body: JSON.stringify({ code: 'ZZZZZZZZ', deviceName: '陌生电脑' }),
        }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([401, 401, 426, 404, 403]);
      for (const response of responses) {
        const body = (await response.json()) as Record<string, unknown>;
        expect(body.hub).toBeUndefined();
        for (const header of ['x-hub-epoch', 'x-hub-time', 'x-log-end'])
          expect(response.headers.get(header)).toBeNull();
      }
      // a device with a valid token still learns where the log ends when it is refused
      const ahead = await refusal(a.pull(5));
      expect(ahead.body.hub).toMatchObject({ logEnd: 2 });
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
      const entries = await snapshotLines(b, snapshotOrder(manifest.segments));
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

    it('folds an edited row to the changes that still decide it: a new device gets the same rows from fewer lines', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const b = await test.pairClient('诊室');
      const identity = (name: string) => ({
        name,
        sex: 'male',
        birthDate: '1980-01-02',
        idType: 'resident-id',
        idNumber: '110101198001021234',
      });
      // The desk registers 张伟 and a second patient; both PCs then change 张伟's phone ten
      // times each, and the chair corrects his name once.
      const edit = (device: string, deviceSeq: number, wall: number, data: unknown) => ({
        ...makeChanges(device, deviceSeq, 1, { wall: 1_764_000_000_000 + wall * 1000 })[0]!,
        entityId: 'p-zhangwei',
        data,
      });
      await a.push([
        edit(a.deviceId, 1, 0, {
          set: {
            ...identity('章伟'),
            phone: '13800000000',
            createdAt: '2026-11-25T01:00:00.000Z',
            createdBy: 'staff-desk',
          },
        }),
        {
          ...makeChanges(a.deviceId, 2, 1)[0]!,
          data: { set: { ...identity('李娜'), phone: '13900000000' } },
        },
        ...Array.from({ length: 10 }, (_, i) =>
          edit(a.deviceId, 3 + i, 1 + 2 * i, { set: { phone: `1380000001${i}` } }),
        ),
      ]);
      await b.push([
        ...Array.from({ length: 10 }, (_, i) =>
          edit(b.deviceId, 1 + i, 2 + 2 * i, { set: { phone: `1380000002${i}` } }),
        ),
        edit(b.deviceId, 11, 30, { set: identity('张伟') }),
      ]);
      const log = (await a.pull(0, { limit: 100 })).changes;
      expect(log).toHaveLength(23);
      await a.pull(23);
      await b.pull(23);
      await test.hub.store.maintain(true);

      const manifest = await a.snapshot();
      const lines = await snapshotLines(a, manifest.segments);
      // 张伟: the registration (now only who created him, which no later change decides), the
      // last phone, the corrected name; 李娜's registration whole.
      expect(lines.map((e) => e.seq).sort((x, y) => x - y)).toEqual([1, 2, 22, 23]);
      expect(lines.find((e) => e.seq === 1)!.change.data).toEqual({
        set: { createdAt: '2026-11-25T01:00:00.000Z', createdBy: 'staff-desk' },
      });
      const merged = (entries: readonly LogEntry[]) => {
        const rows = new Map<string, StoredRow>();
        for (const { change, deviceId, receivedAt } of entries) {
          const result = mergeChange(rows.get(change.entityId), {
            ...change,
            deviceId,
            receivedAt,
          });
          if (result.kind === 'write')
            rows.set(change.entityId, { row: result.row, clocks: result.clocks });
        }
        return canonicalJson(Object.fromEntries(rows));
      };
      expect(merged(lines)).toBe(merged(log));
      expect(JSON.parse(merged(lines))['p-zhangwei'].row).toMatchObject({
        name: '张伟',
        phone: '13800000029',
      });
      // Folded once is folded for good: nothing more to fold or rewrite.
      expect(await test.hub.store.maintain(true)).toMatchObject({ rewritten: 0 });
      // The log goes on after the horizon as before.
      await b.push([edit(b.deviceId, 12, 40, { set: { phone: '13700000000' } })]);
      expect((await a.pull(23)).changes.map((e) => e.seq)).toEqual([24]);
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
      const office = await test.pairClient('负责人办公室');
      const owner = auditedDevice(office.deviceId);
      await office.push(ownerSetup(owner));
      // a record as a clinic writes it: the name, and notes that make the row long
      const record = { name: '王小明', notes: '青霉素过敏，2019 年拔除 38 智齿。'.repeat(20) };
      const patient = makeChanges(a.deviceId, 1, 1, { data: () => ({ fields: record }) })[0]!;
      await a.push([patient]);
      await test.hub.store.maintain(true);
      // The owner disposes of the record: the erasure with the disposal that authorises it.
      await office.push(owner.tx([erasureOf('patients', patient.entityId)], disposalBy(OWNER)));
      const late = {
        ...makeChanges(a.deviceId, 2, 1)[0]!,
        entityId: patient.entityId,
        data: { fields: { name: '王小明' } },
      };
      await a.push([late]);
      const page = await a.pull(0);
      const his = page.changes.filter((e) => e.change.entityId === patient.entityId);
      expect(his.map((e) => [e.erased ?? false, e.change.op, e.refused ?? null])).toEqual([
        [true, 'upsert', null],
        [false, 'erase', null],
        [true, 'upsert', null],
      ]);
      expect(his.map((e) => e.change.data)).toEqual([
        null,
        { disposal: 'd-1', auditEventId: expect.any(String) },
        null,
      ]);
      await test.hub.store.maintain(true);
      const manifest = await a.snapshot();
      let text = '';
      for (const segment of manifest.segments)
        text += gunzipSync(await a.segment(segment.id)).toString('utf8');
      expect(text).not.toContain('王小明');
      expect(text).toContain('d-1');
      if (!test.postgresUrl) {
        // not in a freed corner of a page, nor in an old page image in the write-ahead log
        for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`]) {
          const bytes = await readFile(join(test.dataDir, file)).catch(() => Buffer.alloc(0));
          expect([bytes.includes('王小明'), bytes.includes('青霉素过敏')], file).toEqual([
            false,
            false,
          ]);
        }
      }
    });

    it('takes back a change the device wiped after the erasure, when its acknowledgement was lost', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const office = await test.pairClient('负责人办公室');
      const owner = auditedDevice(office.deviceId);
      await office.push(ownerSetup(owner));
      const [patient, edit] = makeChanges(a.deviceId, 1, 2, {
        data: () => ({ fields: { name: '王小明' } }),
      });
      // Both taken by the hub; the answer never reached the front desk.
      await a.push([patient!, { ...edit!, entityId: patient!.entityId }]);
      await office.push(owner.tx([erasureOf('patients', patient!.entityId)], disposalBy(OWNER)));
      // The desk applied the erasure and emptied the changes it had not seen acknowledged.
      const wiped = [patient!, { ...edit!, entityId: patient!.entityId }].map((c) => ({
        ...c,
        data: null,
      }));
      expect(await a.push(wiped)).toMatchObject({ ackedThrough: 2, accepted: 0, duplicates: 2 });
      // Any other content under a number the hub holds is still refused.
      const other = await refusal(a.push([{ ...patient!, data: { fields: { name: '李四' } } }]));
      expect([other.status, other.reason]).toEqual([422, 'conflicting-duplicate']);
      const wrongRow = await refusal(a.push([{ ...wiped[0]!, entityId: 'p-other', data: null }]));
      expect(wrongRow.reason).toBe('conflicting-duplicate');
    });
  });

  describe('erasure of an audit event', () => {
    /** A device's chain of `count` events, each naming a patient and the phone it changed. */
    const chainOf = (deviceId: string, count: number): AuditEvent[] => {
      const events: AuditEvent[] = [];
      for (let seq = 1; seq <= count; seq++)
        events.push(
          sealAuditEvent({
            id: `audit-${deviceId.slice(0, 8)}-${seq}`,
            deviceId,
            seq,
            at: new Date(1_764_000_000_000 + seq * 1000).toISOString(),
            hlc: makeChanges(deviceId, seq, 1)[0]!.hlc,
            actorId: 'staff-1',
            actorName: '李娜',
            role: 'front-desk',
            action: 'update',
            entity: 'patient',
            entityId: 'p-1',
            summary: '王小明',
            changes: [{ field: 'phone', from: '13812345678', to: '13987654321' }],
            prevHash: events.at(-1)?.hash ?? GENESIS_HASH,
          }),
        );
      return events;
    };
    const asChanges = (deviceId: string, fromSeq: number, events: AuditEvent[]) =>
      makeChanges(deviceId, fromSeq, events.length).map((change, i) => ({
        ...change,
        table: 'auditEvents',
        entityId: events[i]!.id,
        op: 'insert' as const,
        hlc: events[i]!.hlc,
        data: events[i]!,
      }));
    const PERSONAL = ['王小明', '13812345678', '13987654321'];

    it('keeps its chain fields and digest in the log and the snapshot, its content gone, and the chain goes on', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const archive = await test.pairClient('档案室');
      const owner = auditedDevice(archive.deviceId);
      await archive.push(ownerSetup(owner));
      const events = chainOf(a.deviceId, 3);
      await a.push(asChanges(a.deviceId, 1, events.slice(0, 2)));
      await test.hub.store.maintain(true);
      // The owner disposes of it: the erasure with the disposal that authorises it.
      await archive.push(owner.tx([erasureOf('auditEvents', events[1]!.id)], disposalBy(OWNER)));
      // The desk's chain goes on after the wiped event: the hub's head is still its hash.
      expect(await a.push(asChanges(a.deviceId, 3, events.slice(2)))).toMatchObject({
        accepted: 1,
      });
      // A lagging PC pushing the whole event again does not bring the content back.
      const lagging = await test.pairClient('诊室');
      await lagging.push(asChanges(lagging.deviceId, 1, events.slice(1, 2)));

      const page = await a.pull(0);
      // The desk's events and their erasure (not the owner's own setup and disposal events).
      const audit = page.changes.filter(
        (e) =>
          e.change.table === 'auditEvents' &&
          (e.change.op === 'erase' || (e.change.data as AuditEvent).deviceId === a.deviceId),
      );
      expect(audit.map((e) => [e.change.op, e.erased ?? false])).toEqual([
        ['insert', false],
        ['insert', true],
        ['erase', false],
        ['insert', false],
        ['insert', true],
      ]);
      expect(audit[1]!.change.data).toEqual(wipeAuditEvent(events[1]!));
      expect(audit[4]!.change.data).toEqual(wipeAuditEvent(events[1]!));
      const served = [0, 1, 3].map((i) => audit[i]!.change.data as AuditEvent);
      expect(verifyAuditChain(served, new Set([events[1]!.id]))).toEqual({ ok: true, checked: 3 });

      await test.hub.store.maintain(true);
      const manifest = await a.snapshot();
      let text = '';
      for (const segment of manifest.segments)
        text += gunzipSync(await a.segment(segment.id)).toString('utf8');
      const lines = text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as LogEntry)
        .filter((e) => e.change.table === 'auditEvents' && e.change.op === 'insert');
      const wipedEvent = lines.find((e) => e.change.entityId === events[1]!.id)!.change.data;
      expect(wipedEvent).toEqual(wipeAuditEvent(events[1]!));
      expect(text).toContain(events[1]!.personalDigest!);
      for (const value of PERSONAL) expect(text.split(value).length - 1).toBe(2); // events 1 and 3
      if (!test.postgresUrl) {
        // The wiped event's salt is nowhere, not in a freed page nor in the write-ahead log.
        for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`]) {
          const bytes = await readFile(join(test.dataDir, file)).catch(() => Buffer.alloc(0));
          expect(bytes.includes(events[1]!.salt!), file).toBe(false);
        }
      }
    });

    it('takes back the wiped copy a device pushes of its own event when its acknowledgement was lost', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const archive = await test.pairClient('档案室');
      const owner = auditedDevice(archive.deviceId);
      await archive.push(ownerSetup(owner));
      const events = chainOf(a.deviceId, 2);
      const pushed = asChanges(a.deviceId, 1, events);
      await a.push(pushed);
      await archive.push(owner.tx([erasureOf('auditEvents', events[0]!.id)], disposalBy(OWNER)));
      const wiped = [{ ...pushed[0]!, data: wipeAuditEvent(events[0]!) }, pushed[1]!];
      expect(await a.push(wiped)).toMatchObject({ ackedThrough: 2, accepted: 0, duplicates: 2 });
      // Emptied to null, as other erased rows are, it is not the change the hub holds.
      const emptied = await refusal(a.push([{ ...pushed[0]!, data: null }]));
      expect(emptied.reason).toBe('conflicting-duplicate');
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

    it('answers HEAD for a stored photo and an unknown one, and refuses one over the size limit', async () => {
      const test = await start();
      const a = await test.pairClient('前台');
      const bytes = new Uint8Array([9, 8, 7]);
      const hash = createHash('sha256').update(bytes).digest('hex');
      await a.putAttachment(hash, bytes);
      const headers = { authorization: `Bearer ${a.token}`, [PROTOCOL_HEADER]: '1' };
      const head = (h: string) =>
        fetch(`${test.hub.url}/v1/attachments/${h}`, { method: 'HEAD', headers });
      expect((await head(hash)).status).toBe(200);
      expect((await head('2'.repeat(64))).status).toBe(404);
      const huge = new Uint8Array(SYNC_LIMITS.attachmentMaxBytes + 1);
      const hugeHash = createHash('sha256').update(huge).digest('hex');
      const tooLarge = await refusal(a.putAttachment(hugeHash, huge));
      expect([tooLarge.status, tooLarge.reason, tooLarge.body.limits]).toEqual([
        413,
        'too-large',
        { maxBytes: SYNC_LIMITS.attachmentMaxBytes },
      ]);
      expect(await a.missingAttachments([hugeHash])).toEqual([hugeHash]);
    });
  });
});
