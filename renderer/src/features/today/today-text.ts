import { bilingual } from '../../i18n/bilingual';

/** The Today screen and the insurance officer's daily review (namespace `today`). */
export const todayText = bilingual(
  {
    title: '今日',
    date: '{{date}}',
    tabs: {
      visits: '今日就诊（{{count}}）',
      review: '每日复核（{{count}} 条待复核）',
    },
    quickCheckIn: {
      label: '签到',
      placeholder: '输入姓名、拼音、手机尾号或证件号后几位，选择患者后签到',
      notFound: '没有找到，请到“患者”页面登记新患者',
    },
    empty: '今天还没有患者签到',
    columns: {
      time: '签到时间',
      patient: '患者',
      status: '核验状态',
      flags: '风险提示',
      eligibility: '参保状态',
      clinician: '医生复核',
      pharmacist: '取药核对',
      actions: '操作',
    },
    actions: {
      verify: '核验',
      reverify: '重新核验',
    },
    reconfirm: {
      clinician: '核对身份',
      pharmacist: '取药核对',
      clinicianTitle: '治疗前再次核对身份',
      pharmacistTitle: '发药前核对身份',
      body: '请确认眼前的患者就是 {{name}}。',
      note: '备注（可选）',
      submit: '确认是本人',
      done: '已记录：{{name}}',
      by: '{{name}} {{time}}',
    },
    review: {
      intro:
        '列出今天核验未通过、由医保专员或负责人放行、以及带有风险提示的核验记录。逐条核实后标记已复核；标记不可撤销。',
      empty: '今天没有需要复核的核验记录',
      columns: {
        time: '核验时间',
        patient: '患者',
        outcome: '结果',
        details: '原因与风险提示',
        by: '经办人',
        reviewed: '复核',
      },
      mark: '标记已复核',
      marked: '已标记复核',
      reviewedBy: '{{name}}，{{time}}',
    },
  },
  {
    title: 'Today',
    date: '{{date}}',
    tabs: {
      visits: "Today's visits ({{count}})",
      review: 'Daily review ({{count}} to review)',
    },
    quickCheckIn: {
      label: 'Check in',
      placeholder: 'Type a name, pinyin, phone tail or ID tail, then pick the patient',
      notFound: 'Nobody found; register new patients on the Patients screen',
    },
    empty: 'No patient has checked in today',
    columns: {
      time: 'Checked in',
      patient: 'Patient',
      status: 'Identity check',
      flags: 'Warnings',
      eligibility: 'Insurance status',
      clinician: 'Clinician re-check',
      pharmacist: 'Dispensing check',
      actions: 'Actions',
    },
    actions: {
      verify: 'Verify',
      reverify: 'Verify again',
    },
    reconfirm: {
      clinician: 'Re-confirm identity',
      pharmacist: 'Confirm at dispensing',
      clinicianTitle: 'Re-confirm identity before treatment',
      pharmacistTitle: 'Confirm identity before dispensing',
      body: 'Confirm that the patient in front of you is {{name}}.',
      note: 'Note (optional)',
      submit: 'Confirm it is them',
      done: 'Recorded: {{name}}',
      by: '{{name}} {{time}}',
    },
    review: {
      intro:
        "Today's failed checks, overrides by the insurance officer or owner, and checks with warnings. Look into each, then mark it reviewed; a mark cannot be taken back.",
      empty: 'Nothing to review today',
      columns: {
        time: 'Checked at',
        patient: 'Patient',
        outcome: 'Outcome',
        details: 'Reason and warnings',
        by: 'Checked by',
        reviewed: 'Review',
      },
      mark: 'Mark reviewed',
      marked: 'Marked as reviewed',
      reviewedBy: '{{name}}, {{time}}',
    },
  },
);
