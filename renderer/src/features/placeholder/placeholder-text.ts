import { bilingual } from '../../i18n/bilingual';

/** What each screen will do, said plainly until it is built: no fake data in the meantime. */
export const placeholderText = bilingual(
  {
    title: '{{screen}}：尚未开放',
    notice: '此功能正在开发中，目前还不能使用。这里不会显示任何示例或虚构数据。',
    plans: {
      today: '今日就诊患者及其身份核验状态；医保专员的每日复核。',
      patients: '按姓名、拼音、电话或证件号尾号查找患者，登记新患者，每次就诊核对证、卡、人。',
      consents: '自费项目知情同意：目录导入、告知书生成、签名、打印，以及未签名项目的拦截。',
      catalogue: '医保目录：从 CSV 或 Excel 导入药品、诊疗项目、耗材和服务设施，按生效日期分版本。',
      records: '医保病历档案的分类保管、保存期限、归档提醒与经审批的销毁。',
      complaints: '医保投诉登记、按工作日计算的处理时限、反馈与月度报告。',
      sync: '联网时与诊所其他工作站同步数据，设备配对与撤销。',
    },
  },
  {
    title: '{{screen}}: not available yet',
    notice:
      'This part of ClinicDesk is still being built and cannot be used yet. No sample or made-up data is shown here.',
    plans: {
      today: "Today's visits and their identity-check state; the insurance officer's daily review.",
      patients:
        'Find patients by name, pinyin, phone or ID tail, register new ones, and check ID, card and person at every visit.',
      consents:
        'Self-pay consent: catalogue import, notice generation, signatures, printing, and blocking unsigned items.',
      catalogue:
        'Insurance catalogue: import drugs, procedures, materials and facility services from CSV or Excel, versioned by effective date.',
      records:
        'Insurance records filing, retention periods, return reminders and approved disposal.',
      complaints:
        'Insurance complaints: intake, working-day deadlines, feedback and monthly reports.',
      sync: "Sync with the clinic's other workstations when online; pairing and revoking devices.",
    },
  },
);
