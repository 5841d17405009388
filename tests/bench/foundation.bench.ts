import { GENESIS_HASH, type AuditEvent } from '../../shared/audit/audit-event';
import { hashAuditEvent, verifyAuditChain } from '../../shared/audit/chain';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../shared/auth/password';
import { systemClock } from '../../shared/clock/clock';
import { createHlc } from '../../shared/clock/hlc';
import { generateClinic } from '../../shared/demo/generate-clinic';
import { collectGarbage, median, megabytes, timed, type BenchTable } from './bench-table';

export const name = 'foundation';
export const description = 'passwords, hybrid logical clock, audit chain, demo clinic generator';

const perSecond = (count: number, ms: number) => (count / ms) * 1000;

/** A login costs one PBKDF2 derivation: it must stay well under a second on a clinic's PC. */
const passwords = async (): Promise<BenchTable> => {
  const hashMs: number[] = [];
  const verifyMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const hashed = await timed(() => hashPassword('Front-desk 2026'));
    hashMs.push(hashed.ms);
    verifyMs.push((await timed(() => verifyPassword('Front-desk 2026', hashed.result))).ms);
  }
  return {
    title: `PBKDF2-HMAC-SHA256, ${PBKDF2_ITERATIONS.toLocaleString('en-US')} iterations (WebCrypto)`,
    rows: [
      {
        operation: 'hash (set password)',
        'median ms': median(hashMs),
        'min ms': Math.min(...hashMs),
      },
      {
        operation: 'verify (log in)',
        'median ms': median(verifyMs),
        'min ms': Math.min(...verifyMs),
      },
    ],
  };
};

const hlc = async (): Promise<BenchTable> => {
  const local = createHlc({ node: 'desk-1', clock: systemClock });
  const ticks = 1_000_000;
  const tick = await timed(() => {
    for (let i = 0; i < ticks; i++) local.tick();
  });
  const remote = createHlc({ node: 'desk-2', clock: systemClock });
  const stamps = Array.from({ length: 200_000 }, () => remote.tick());
  const receive = await timed(() => {
    for (const stamp of stamps) local.receive(stamp);
  });
  return {
    title: 'Hybrid logical clock',
    rows: [
      {
        operation: 'tick (local change)',
        count: ticks,
        ms: tick.ms,
        'per second': perSecond(ticks, tick.ms),
      },
      {
        operation: 'receive (remote stamp)',
        count: stamps.length,
        ms: receive.ms,
        'per second': perSecond(stamps.length, receive.ms),
      },
    ],
  };
};

const auditChain = async (): Promise<BenchTable> => {
  const count = 100_000;
  const hlcClock = createHlc({ node: 'desk-1', clock: systemClock });
  const built = await timed(() => {
    const events: AuditEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq++) {
      const content = {
        id: `event-${seq}`,
        deviceId: 'desk-1',
        seq,
        at: new Date(1_763_776_800_000 + seq * 1000).toISOString(),
        hlc: hlcClock.tick(),
        actorId: 'staff-front-desk',
        actorName: '王芳',
        role: 'front-desk' as const,
        action: 'view' as const,
        entity: 'patient' as const,
        entityId: `patient-${seq % 5000}`,
        summary: '查看患者档案',
        prevHash,
      };
      const event = { ...content, hash: hashAuditEvent(content) };
      events.push(event);
      prevHash = event.hash;
    }
    return events;
  });
  const verified = await timed(() => verifyAuditChain(built.result));
  if (!verified.result.ok) throw new Error('the benchmark chain does not verify');
  return {
    title: `Audit hash chain (SHA-256 over canonical JSON), ${count.toLocaleString('en-US')} events`,
    rows: [
      {
        operation: 'build (hash + link)',
        ms: built.ms,
        'events per second': perSecond(count, built.ms),
      },
      { operation: 'verify', ms: verified.ms, 'events per second': perSecond(count, verified.ms) },
    ],
  };
};

/** The seed CLI's work without the disk: generation alone, then generation with NDJSON text. */
const generator = async (): Promise<BenchTable> => {
  const patients = 100_000;
  const rows = [];
  for (const serialize of [false, true]) {
    collectGarbage();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    let count = 0;
    let bytes = 0;
    const run = await timed(() => {
      for (const batch of generateClinic({ seed: 'bench', patients, endDate: '2026-11-22' })) {
        count += batch.patients.length + batch.visits.length;
        if (serialize) {
          // The same text the seed command writes, one chunk per batch.
          let chunk = '';
          for (const row of batch.patients)
            chunk += `${JSON.stringify({ table: 'patients', row })}\n`;
          for (const row of batch.visits) chunk += `${JSON.stringify({ table: 'visits', row })}\n`;
          bytes += Buffer.byteLength(chunk);
        }
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
      }
    });
    rows.push({
      work: serialize ? 'generate + JSON lines' : 'generate',
      rows: count,
      seconds: run.ms / 1000,
      'rows per second': perSecond(count, run.ms),
      'MB of text': megabytes(bytes),
      'peak RSS MB': megabytes(peakRss),
      'peak heap MB': megabytes(peakHeap),
      'heap before MB': megabytes(before.heapUsed),
    });
  }
  return {
    title: `Demo clinic generator, ${patients.toLocaleString('en-US')} patients and their visits`,
    rows,
    note: 'Peaks are sampled after each batch of 1,000 patients; the heap includes garbage not yet collected.',
  };
};

export const run = async (): Promise<BenchTable[]> => [
  await passwords(),
  await hlc(),
  await auditChain(),
  await generator(),
];
