import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  deadlinesFor,
  type Complaint,
} from '../../../../shared/complaints/complaint';
import { complaintReport } from '../../../../shared/complaints/report';
import { createI18n } from '../../i18n/i18n';
import { reportWorkbook } from './report-export';
import { stateLabelKey } from './state-label';

const RECEIVED = '2026-11-25T09:00:00+08:00';
const complaint = (id: string, complainant: Complaint['complainant']): Complaint => ({
  id,
  receivedAt: RECEIVED,
  channel: 'phone',
  category: 'waiting',
  severity: 'ordinary',
  complainant,
  description: '候诊太久',
  receivedBy: 's1',
  policy: DEFAULT_POLICY,
  ...deadlinesFor(RECEIVED, 'ordinary', DEFAULT_POLICY),
  createdAt: RECEIVED,
  createdBy: 's1',
  updatedAt: RECEIVED,
  updatedBy: 's1',
  deviceId: 'd1',
  hlc: '001764032400000-00000-d1',
});

describe('the exported complaint report', () => {
  it('labels an open anonymous complaint 待处理, as the screens do, not 待联系', async () => {
    const report = complaintReport({
      complaints: [
        complaint('c1', { kind: 'named', name: '张女士', relation: 'self' }),
        complaint('c2', { kind: 'anonymous' }),
      ],
      events: [],
      consultations: [],
      range: { from: '2026-11-01', to: '2026-11-30' },
      now: Date.parse('2026-11-26T12:00:00+08:00'),
    });
    const { t } = createI18n('zh-CN');
    const workbook = await reportWorkbook(report, t);
    const list = workbook.worksheets.find((sheet) =>
      sheet.getRow(1).values.toString().includes(t('complaints.report.columns.state')),
    );
    const states: string[] = [];
    list!.eachRow((row, n) => {
      if (n > 1) states.push(String(row.getCell(5).value));
    });
    expect(states).toEqual(['待联系', '待处理']);
  });

  it('keeps every other state as it is, anonymous or not', () => {
    expect(stateLabelKey('contacted', true)).toBe('complaints.state.contacted');
    expect(stateLabelKey('open', false)).toBe('complaints.state.open');
    expect(stateLabelKey('open', true)).toBe('complaints.openAnonymous');
  });
});
