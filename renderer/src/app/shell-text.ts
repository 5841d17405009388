import { bilingual } from '../i18n/bilingual';

export const shellText = bilingual(
  {
    nav: {
      today: '今日',
      patients: '患者',
      consents: '自费知情同意',
      records: '病历档案',
      complaints: '投诉',
      backups: '备份',
      sync: '同步',
      settings: '设置',
      audit: '审计日志',
      staff: '员工',
    },
    signedInAs: '{{name}}（{{role}}）',
    lockNow: '锁定',
    lockHint: '锁定屏幕（Ctrl+L）',
    logout: '退出登录',
    device: '本机：{{name}}',
    version: '版本 {{version}}',
  },
  {
    nav: {
      today: 'Today',
      patients: 'Patients',
      consents: 'Self-pay consents',
      records: 'Records',
      complaints: 'Complaints',
      backups: 'Backups',
      sync: 'Sync',
      settings: 'Settings',
      audit: 'Audit log',
      staff: 'Staff',
    },
    signedInAs: '{{name}} ({{role}})',
    lockNow: 'Lock',
    lockHint: 'Lock the screen (Ctrl+L)',
    logout: 'Log out',
    device: 'This PC: {{name}}',
    version: 'Version {{version}}',
  },
);
