import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from '../../../../shared/audit/audit-event';
import { hashAuditEvent } from '../../../../shared/audit/chain';
import { sealAuditEvent, wipeAuditEvent } from '../../../../shared/audit/personal-digest';
import type { Language } from '../../../../shared/settings/settings';
import { createI18n } from '../../i18n/i18n';
import { AuditTable } from './audit-table';

const content = {
  id: 'event-1',
  deviceId: 'desk-1',
  seq: 1,
  at: '2026-11-22T08:00:00.000Z',
  hlc: '000000000001000-00000-desk-1',
  actorId: 'staff-1',
  actorName: '李娜',
  role: 'front-desk' as const,
  action: 'update' as const,
  entity: 'patient' as const,
  entityId: 'patient-7',
  summary: '张三',
  reason: '登记错误',
  changes: [{ field: 'phone', from: '13800000000', to: '13900000000' }],
  prevHash: GENESIS_HASH,
};

const firstFormat: AuditEvent = { ...content, hash: hashAuditEvent(content) };
const sealed = sealAuditEvent(content);
const wiped = wipeAuditEvent(sealed)!;

const render = (event: AuditEvent, language: Language = 'zh-CN') =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <AuditTable events={[event]} thisDeviceId="desk-1" names={new Map()} raw={false} />
    </I18nextProvider>,
  );

describe('the audit table reads every format of event', () => {
  it('shows the summary, the changed values and the reason of a first-format event', () => {
    const html = render(firstFormat);
    for (const text of ['张三', '13800000000', '13900000000', '登记错误'])
      expect(html).toContain(text);
  });

  it('shows them the same for an event with a personal digest', () => {
    const html = render(sealed);
    for (const text of ['张三', '13800000000', '13900000000', '登记错误'])
      expect(html).toContain(text);
    expect(html).not.toContain('内容已按保存期限销毁');
  });

  it('shows a wiped event as disposed of, with who did what still there', () => {
    const html = render(wiped);
    expect(html).toContain('内容已按保存期限销毁');
    expect(html).toContain('李娜');
    for (const text of ['张三', '1380000', '登记错误']) expect(html).not.toContain(text);
    expect(render(wiped, 'en')).toContain('Content disposed of at the end of its retention period');
  });
});
