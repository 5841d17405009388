import { bilingual } from '../../i18n/bilingual';

/** The notice document's screen chrome, printing, and the consents lists (namespace `notice`). */
export const noticeText = bilingual(
  {
    print: '打印',
    savePdf: '保存为 PDF',
    paper: '纸张',
    back: '返回列表',
    openPlan: '查看本次就诊的计划',
    loading: '正在打开告知书…',
    printing: {
      browserDialog: '已打开浏览器的打印对话框。如需 PDF，请在“目标打印机”中选择“另存为 PDF”。',
      saved: '已保存：{{path}}',
      cancelled: '已取消',
      printed: '已发送到打印机',
      blocked: '告知书校验未通过，不能打印或导出。',
    },
    tampered: {
      title: '警告：此告知书在签字后被改动过',
      body: '保存的内容与签字时记录的内容指纹不一致，此页显示的内容可能不是患者签字时看到的内容。请勿打印或交给患者；立即告知诊所负责人，并从备份中核对原始记录。',
    },
    voided: {
      title: '此告知书已作废',
      body: '{{name}} 于 {{time}} 作废，原因：{{reason}}',
      also: '另有 {{name}} 于 {{time}} 在其他工作站作废，原因：{{reason}}',
      newer: '查看更正后的第 {{version}} 版',
      noNewer: '尚未签署更正后的新版本。',
    },
    states: { signed: '已签署', refused: '已拒绝', voided: '已作废' },
    list: {
      title: '自费知情同意书',
      tabs: {
        consents: '告知书（{{count}}）',
        unsigned: '今日未签字的自费项目（{{count}}）',
      },
      filters: {
        days: '就诊日期',
        patient: '患者',
        patientPlaceholder: '输入姓名或拼音',
        clinician: '医生',
        clinicianPlaceholder: '全部医生',
        state: '状态',
        statePlaceholder: '全部状态',
        clear: '今天',
      },
      columns: {
        time: '签字时间',
        patient: '患者',
        clinician: '医生',
        items: '项目数',
        selfPay: '自付合计（元）',
        state: '状态',
        version: '版本',
      },
      version: '第 {{version}} 版',
      empty: '所选日期内没有告知书',
      totals:
        '共 {{count}} 份：已签署 {{signed}}，已拒绝 {{refused}}，已作废 {{voided}}；已签署的自付合计 ¥{{selfPay}}',
    },
    unsigned: {
      intro: '今天已列入计划、但还没有有效签字告知书的乙类和自费项目。收费或执行前必须由患者签字。',
      empty: '今天没有未签字的自费项目',
      title: '未签字的自费项目（{{count}}）',
      columns: {
        patient: '患者',
        item: '项目',
        coverage: '医保类别',
        clinician: '医生',
        selfPay: '自付（元）',
        plan: '计划',
      },
      openPlan: '打开计划',
      coverage: { 'class-a': '甲类', 'class-b': '乙类', 'self-pay': '自费' },
    },
  },
  {
    print: 'Print',
    savePdf: 'Save as PDF',
    paper: 'Paper',
    back: 'Back to the list',
    openPlan: "Open this visit's plan",
    loading: 'Opening the notice…',
    printing: {
      browserDialog:
        'The browser\'s print dialog is open. For a PDF, choose "Save as PDF" as the destination.',
      saved: 'Saved: {{path}}',
      cancelled: 'Cancelled',
      printed: 'Sent to the printer',
      blocked: 'The notice failed its check and cannot be printed or exported.',
    },
    tampered: {
      title: 'Warning: this notice was changed after it was signed',
      body: 'The stored content does not match the fingerprint recorded at signing, so what this page shows may not be what the patient signed. Do not print it or hand it to the patient; tell the clinic owner now and check the original against a backup.',
    },
    voided: {
      title: 'This notice has been voided',
      body: 'Voided by {{name}} on {{time}}. Reason: {{reason}}',
      also: 'Also voided on another workstation by {{name}} on {{time}}. Reason: {{reason}}',
      newer: 'Open the corrected version {{version}}',
      noNewer: 'No corrected version has been signed yet.',
    },
    states: { signed: 'Signed', refused: 'Refused', voided: 'Voided' },
    list: {
      title: 'Self-pay consents',
      tabs: {
        consents: 'Notices ({{count}})',
        unsigned: 'Unsigned self-pay items today ({{count}})',
      },
      filters: {
        days: 'Visit days',
        patient: 'Patient',
        patientPlaceholder: 'Type a name or pinyin',
        clinician: 'Clinician',
        clinicianPlaceholder: 'All clinicians',
        state: 'State',
        statePlaceholder: 'All states',
        clear: 'Today',
      },
      columns: {
        time: 'Signed at',
        patient: 'Patient',
        clinician: 'Clinician',
        items: 'Items',
        selfPay: 'Self-pay total (¥)',
        state: 'State',
        version: 'Version',
      },
      version: 'Version {{version}}',
      empty: 'No notices on the chosen days',
      totals:
        '{{count}} notices: {{signed}} signed, {{refused}} refused, {{voided}} voided; self-pay of the signed ones ¥{{selfPay}}',
      totals_one:
        '{{count}} notice: {{signed}} signed, {{refused}} refused, {{voided}} voided; self-pay of the signed one ¥{{selfPay}}',
    },
    unsigned: {
      intro:
        'Class B and self-pay items planned today that no valid signed notice covers yet. The patient must sign before the item is performed or billed.',
      empty: 'No unsigned self-pay items today',
      title: 'Unsigned self-pay items ({{count}})',
      columns: {
        patient: 'Patient',
        item: 'Item',
        coverage: 'Insurance class',
        clinician: 'Clinician',
        selfPay: 'Self-pay (¥)',
        plan: 'Plan',
      },
      openPlan: 'Open the plan',
      coverage: { 'class-a': 'Class A', 'class-b': 'Class B', 'self-pay': 'Self-pay' },
    },
  },
);
