import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../i18n/locales';
import type { AuditEntity } from '../../../../shared/audit/audit-event';
import { auditValue, localSummary } from './audit-values';

describe('audit values as the owner reads them', () => {
  beforeAll(async () => {
    await i18next.init({
      lng: 'zh-CN',
      resources: { 'zh-CN': { translation: locales['zh-CN'] } },
      interpolation: { escapeValue: false },
    });
  });
  const names = new Map([
    ['staff-1', '李娜'],
    ['patient-1', '欧阳娜娜'],
  ]);
  const show = (field: string, text: string, entity: AuditEntity = 'planned-item') =>
    auditValue(i18next.t, field, text, entity, names);

  it('shows money in yuan, shares in per cent, and times on the clinic clock', () => {
    expect(show('priceFen', '1180')).toBe('¥11.80');
    expect(show('selfPayRatioBp', '1000')).toBe('10%');
    // 23:30 UTC is the next morning in Beijing: not "the day before".
    expect(show('performedAt', '2026-11-24T23:30:00.000Z')).toBe('2026-11-25 07:30:00');
  });

  it('translates states and kinds by the field and the record they belong to', () => {
    expect(show('coverage', 'class-b')).toBe('乙类');
    expect(show('status', 'performed')).toBe('已执行');
    expect(show('status', 'overridden', 'visit')).toBe('已放行');
    expect(show('sex', 'female', 'patient')).toBe('女');
    expect(show('role', 'front-desk', 'staff')).toBe('前台');
    expect(show('active', 'true', 'staff')).toBe('是');
    // A state this version has no words for stays as stored.
    expect(show('status', 'on-hold')).toBe('on-hold');
  });

  it('names people and records instead of their ids, where they are known here', () => {
    expect(show('performedBy', 'staff-1')).toBe('李娜');
    expect(show('patientId', 'patient-1', 'visit')).toBe('欧阳娜娜');
    expect(show('patientId', 'patient-9', 'visit')).toBe('patient-9');
  });
});

describe('summaries stored in both languages', () => {
  it('show one language at a time', () => {
    const made = 'clinicdesk-2026-11-25.cdbk · 已校验 / verified';
    expect(localSummary(made, 'zh-CN')).toBe('clinicdesk-2026-11-25.cdbk · 已校验');
    expect(localSummary(made, 'en')).toBe('clinicdesk-2026-11-25.cdbk · verified');
    const failed = 'x.cdbk · 失败 / failed (ENOSPC)';
    expect(localSummary(failed, 'en')).toBe('x.cdbk · failed (ENOSPC)');
    expect(localSummary(failed, 'zh-CN')).toBe('x.cdbk · 失败 (ENOSPC)');
    expect(localSummary('备份时间与保留份数 / backup time and rotation', 'en')).toBe(
      'backup time and rotation',
    );
    // Names and file names are left alone, slashes and all.
    expect(localSummary('欧阳娜娜 · v2', 'en')).toBe('欧阳娜娜 · v2');
    expect(localSummary('目录/2026.csv', 'en')).toBe('目录/2026.csv');
  });
});
