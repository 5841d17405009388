import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../shared/demo/prng';
import { PROTOCOL_HEADER } from '../../shared/sync/protocol';
import { testBackends } from './testing/backends';
import { makeChanges, startTestHub, type TestHub } from './testing/test-hub';

/** Turns a valid body into one of the many ways a body can be wrong. */
const mutate = (rng: Rng, valid: string): string => {
  const pick = rng.int(0, 11);
  const at = rng.int(0, valid.length);
  switch (pick) {
    case 0: // truncated
      return valid.slice(0, at);
    case 1: {
      // one byte flipped
      const code = valid.charCodeAt(at) ^ (1 << rng.int(0, 6));
      return valid.slice(0, at) + String.fromCharCode(code) + valid.slice(at + 1);
    }
    case 2: // a value replaced by another type
      return valid.replace(
        /:(\d+|"[^"]*"|true|false|null)/,
        () =>
          `:${rng.pick(['null', '"x"', '-1', '1e400', '[]', '{}', 'true', '9007199254740993', '"\\u0000"'])}`,
      );
    case 3: // deep nesting
      return `{"changes":${'['.repeat(rng.int(100, 200_000))}`;
    case 4:
      return JSON.stringify({
        changes: [
          JSON.parse(valid).changes[0],
          { ...JSON.parse(valid).changes[0], data: nested(rng.int(30, 3000)) },
        ],
      });
    case 5: // random bytes
      return Array.from({ length: rng.int(0, 400) }, () =>
        String.fromCharCode(rng.int(0, 0xffff)),
      ).join('');
    case 6: // prototype games
      return valid.replace('"changes"', '"__proto__":{"admin":true},"changes"');
    case 7: // unknown fields
      return valid.replace('"deviceSeq"', '"seq":1,"deviceSeq"');
    case 8: // an empty or absent list
      return rng.pick(['{"changes":[]}', '{}', '[]', 'null', '""', '']);
    case 9: // numbers at the edges
      return valid.replace(
        /"deviceSeq":\d+/,
        `"deviceSeq":${rng.pick(['0', '-5', '1.5', '1e308', '-0', '18446744073709551616'])}`,
      );
    case 10: // a huge string field
      return valid.replace(/"entityId":"[^"]*"/, `"entityId":"${'患'.repeat(rng.int(100, 5000))}"`);
    default: // the valid body itself
      return valid;
  }
};

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
};

describe.each(testBackends())('the hub on $name against 1000 bad requests', (backend) => {
  let test: TestHub;
  let token = '';
  let deviceId = '';
  beforeAll(async () => {
    test = await startTestHub(backend);
    const client = await test.pairClient('前台');
    token = client.token!;
    deviceId = client.deviceId;
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('answers each with a 4xx or a 200, never a 5xx, and keeps serving', async () => {
    const rng = createRng(`fuzz-${backend.name}`);
    const statuses = new Map<number, number>();
    const paths = [
      '/v1/push',
      '/v1/pair',
      '/v1/pairing-codes',
      '/v1/attachments/missing',
      '/v1/push',
    ];
    let seq = 1;
    for (let i = 0; i < 1000; i++) {
      const valid = JSON.stringify({ changes: makeChanges(deviceId, seq, rng.int(1, 4)) });
      const path = rng.pick(paths);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (rng.chance(0.9))
        headers[PROTOCOL_HEADER] = rng.chance(0.95) ? '1' : rng.pick(['0', '2', 'x', '']);
      if (rng.chance(0.9))
        headers.authorization = rng.chance(0.95)
          ? `Bearer ${token}`
          : rng.pick(['Bearer', 'Basic x', `Bearer ${'a'.repeat(300)}`]);
      const query = rng.chance(0.2)
        ? `?${rng.pick(['after=-1', 'after=x', 'limit=0', 'after=1e30', 'after=1&limit=999999'])}`
        : '';
      const target = rng.chance(0.1) ? `/v1/changes${query}` : path;
      const response = await fetch(`${test.hub.url}${target}`, {
        method: target.startsWith('/v1/changes') ? 'GET' : 'POST',
        headers,
        body: target.startsWith('/v1/changes') ? undefined : mutate(rng, valid),
      });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (target === '/v1/push' && response.status === 200) {
        seq = (JSON.parse(text) as { ackedThrough: number }).ackedThrough + 1;
      }
      expect(response.status, `request ${i} to ${target}`).toBeLessThan(500);
    }
    // still serving, and still consistent
    const health = await fetch(`${test.hub.url}/health`);
    expect(health.status).toBe(200);
    const statusList = [...statuses.keys()].sort();
    expect(statusList).toContain(400);
    expect(statusList).toContain(200);
  });
});
