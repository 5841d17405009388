import { bilingual } from '../../i18n/bilingual';

/** What each screen will do, said plainly until it is built: no fake data in the meantime. */
export const placeholderText = bilingual(
  {
    title: '{{screen}}：尚未开放',
    notice: '此功能正在开发中，目前还不能使用。这里不会显示任何示例或虚构数据。',
    plans: {
      records: '医保病历档案的分类保管、保存期限、归档提醒与经审批的销毁。',
    },
  },
  {
    title: '{{screen}}: not available yet',
    notice:
      'This part of ClinicDesk is still being built and cannot be used yet. No sample or made-up data is shown here.',
    plans: {
      records:
        'Insurance records filing, retention periods, return reminders and approved disposal.',
    },
  },
);
