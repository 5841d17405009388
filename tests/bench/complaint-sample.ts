import { startOfClinicDay } from '../../shared/clock/clinic-time';
import { calendarDateAt } from '../../shared/clock/calendar-date';
import {
  complaintCategories,
  complaintChannels,
  deadlinesFor,
  DEFAULT_POLICY,
  type Complaint,
} from '../../shared/complaints/complaint';
import type { ComplaintEvent, ComplaintEventFacts } from '../../shared/complaints/complaint-event';
import { createRng } from '../../shared/demo/prng';

const HOUR = 3_600_000;

/**
 * `count` complaints received between the start of this month (Beijing) and `now`, with about
 * five events each: most contacted, investigated, resolved and closed (some late, some reopened
 * and closed again), the rest still open. The same seed gives the same clinic on every run.
 */
export const sampleComplaints = (count: number, now: number, staffId: string, seed = 'report') => {
  const rng = createRng(seed);
  const monthStart = startOfClinicDay(`${calendarDateAt(now).slice(0, 7)}-01`);
  const span = Math.max(HOUR, now - monthStart - HOUR);
  const provenance = (at: string) => ({
    createdAt: at,
    createdBy: staffId,
    updatedAt: at,
    updatedBy: staffId,
    deviceId: 'bench',
    hlc: `${at}-0000-bench`,
  });
  const complaints: Complaint[] = [];
  const events: ComplaintEvent[] = [];
  for (let i = 0; i < count; i++) {
    const receivedMs = monthStart + Math.floor((span * i) / count);
    const receivedAt = new Date(receivedMs).toISOString();
    const severity = rng.chance(0.1) ? 'major' : 'ordinary';
    const id = `c${String(i).padStart(6, '0')}`;
    complaints.push({
      id,
      receivedAt,
      channel: rng.pick(complaintChannels),
      category: rng.pick(complaintCategories),
      severity,
      complainant: { kind: 'named', name: `投诉人${i}`, relation: 'self' },
      description: '候诊时间过长，无人解释。',
      receivedBy: staffId,
      policy: DEFAULT_POLICY,
      ...deadlinesFor(receivedAt, severity, DEFAULT_POLICY),
      ...provenance(receivedAt),
    });
    let at = receivedMs;
    let n = 0;
    const add = (facts: ComplaintEventFacts) => {
      at = Math.min(now, at + rng.int(1, 48) * HOUR * (rng.chance(0.1) ? 3 : 1) * 0.25);
      const iso = new Date(at).toISOString();
      events.push({
        id: `${id}-e${n++}`,
        complaintId: id,
        at: iso,
        by: staffId,
        facts,
        ...provenance(iso),
      });
      return iso;
    };
    if (rng.chance(0.05)) continue; // never reached yet
    const contactedAt = new Date(Math.min(now, receivedMs + rng.int(10, 1800) * 60_000));
    add({ kind: 'contacted', how: 'phone', contactedAt: contactedAt.toISOString() });
    add({ kind: 'note', text: '调取收费记录核实' });
    if (rng.chance(0.15)) continue; // under investigation
    if (rng.chance(0.5)) add({ kind: 'assigned', to: staffId });
    add({ kind: 'response-sent', how: 'phone', text: '电话答复处理结果' });
    add({ kind: 'resolved', text: '已退还多收费用' });
    const close = (): ComplaintEventFacts => ({
      kind: 'closed',
      feedback: '投诉人认可',
      satisfaction: 'satisfied',
      cause: rng.pick(['收费项目录入错误', '候诊高峰人手不足', '沟通解释不到位']),
      measure: rng.pick(['结算前复核项目', '高峰时段加开窗口', '开展服务礼仪培训']),
    });
    add(close());
    if (rng.chance(0.05)) {
      add({ kind: 'reopened', reason: '投诉人对结果不满意' });
      add({ kind: 'resolved', text: '再次核实并答复' });
      add(close());
    }
  }
  return { complaints, events };
};
