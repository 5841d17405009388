import type { AnchorStatus } from '../../../../shared/audit/checkpoint';
import { bilingual } from '../../i18n/bilingual';

/** The restore dialog's words: t('backups.restore.…'). */
export const restoreText = bilingual(
  {
    title: '从备份恢复',
    intro:
      '用备份文件替换本机的全部数据，例如换了新电脑。恢复前会先为当前数据做一份安全备份，当前数据也会保留在本机。',
    open: '从文件恢复…',
    dialogTitle: '从备份文件恢复',
    file: '备份文件',
    chooseFile: '选择文件…',
    passphrase: '这份备份的备份密码',
    check: '读取并校验',
    checking: '正在读取并校验：{{done}} / {{total}}，已写入 {{rows}} 条记录',
    checkingEvidence: '全部 {{rows}} 条记录已写入，正在核对记录数、审计记录和签名…',
    previewTitle: '备份内容（已全部读取并校验）',
    clinic: '诊所',
    madeAt: '备份时间',
    appVersion: '软件版本',
    table: '数据',
    rows: '记录数',
    countsMatch: '已读取全部 {{rows}} 条记录，与备份清单一致。',
    confirmWarning:
      '恢复会用这份备份替换本机当前的全部数据。替换前会先为当前数据做一份安全备份；原数据也保留在本机，不会删除。恢复后请用备份中的账号登录，本机将作为新设备重新同步。',
    confirm: '备份当前数据并恢复',
    confirmWarningEmpty:
      '本机还没有任何数据，恢复不会替换任何内容，因此无需先做安全备份。恢复后请用备份中的账号登录，本机将作为新设备重新同步。',
    confirmEmpty: '恢复到本机',
    safety: '正在为当前数据做安全备份…',
    safetyFailed: '当前数据的安全备份没有成功，因此没有恢复。{{reason}}',
    switching: '恢复完成，正在重新打开…',
    problems: {
      'wrong-passphrase':
        '备份密码不对，无法打开这份备份。请输入做这份备份时设置的备份密码（注意大小写和空格）。',
      'not-a-backup': '这不是 ClinicDesk 备份文件。请选择文件名以 .cdbackup 结尾的文件。',
      'newer-format':
        '这份备份由更新版本的 ClinicDesk 制作。请先把本机的 ClinicDesk 升级到最新版本，再恢复。',
      'newer-schema':
        '这份备份的数据来自更新版本的 ClinicDesk。请先把本机的 ClinicDesk 升级到最新版本，再恢复。',
      corrupted:
        '备份文件已损坏（大约在第 {{offset}} 字节处），没有恢复。请换一份备份（例如 U 盘上的另一份）再试。',
      truncated:
        '备份文件不完整，在第 {{offset}} 字节处提前结束（可能没有复制完）。请重新复制这份文件，或换一份备份。',
      'counts-differ': '读出的记录数与备份清单不一致，没有恢复。请换一份备份再试。',
      'import-failed':
        '写入恢复的数据时出错，当前数据没有改变。请重试；如果仍然失败，请联系技术支持。',
      'invalid-row':
        '备份第 {{line}} 行（{{table}}）不符合要求：{{what}}。没有恢复任何数据。这份文件可能被改动过，请换一份备份再试。',
      'not-a-row':
        '备份第 {{line}} 行不是有效的记录，没有恢复任何数据。这份文件可能被改动过，请换一份备份再试。',
      'line-too-long':
        '备份第 {{line}} 行超出了一条记录可能的大小，没有恢复任何数据。这份文件可能被改动过，请换一份备份再试。',
      'too-many-rows':
        '备份的记录数超出了一家诊所可能的数量（读到第 {{line}} 行），没有恢复任何数据。这份文件可能被改动过，请换一份备份再试。',
    },
    rowProblems: {
      'unknown-field': '有未知字段“{{field}}”',
      missing: '缺少字段“{{field}}”',
      'wrong-type': '字段“{{field}}”的类型不对',
      'out-of-range': '字段“{{field}}”的值超出允许范围',
      'wrong-format': '字段“{{field}}”的格式不对',
      'not-allowed': '字段“{{field}}”的值不是允许的值',
      'breaks-rule': '字段“{{field}}”不符合规则',
    },
    wholeRow: '整条记录',
    evidence: {
      title: '审计链与知情同意书校验',
      intact: '审计链与知情同意书均完整，没有被改动的迹象。',
      broken:
        '这份备份中的记录有被改动的迹象。恢复后，这些问题会原样保留。如非必要，请换一份备份；确需恢复，请先告知诊所负责人，并保留这份文件以便核查。',
      noChains: '备份中没有审计日志条目。',
      chainIntact: '设备 …{{device}}：审计链完整，共 {{count}} 条事件',
      chainBroken: '设备 …{{device}}：审计链异常，第 {{seq}} 条事件{{problem}}',
      anchors: {
        ok: '设备 …{{device}}：审计链到达备份时记录的检查点（第 {{seq}} 条事件）',
        shorter:
          '设备 …{{device}}：审计链比备份记录的检查点短，只到第 {{last}} 条事件，检查点为第 {{seq}} 条。末尾的事件被删除了。',
        rewritten: '设备 …{{device}}：审计链被改写，第 {{seq}} 条事件与备份记录的检查点不同。',
        emptied:
          '设备 …{{device}}：备份记录了检查点（第 {{seq}} 条事件），文件中却没有该设备的任何审计事件。',
        'signature-invalid': '设备 …{{device}}：检查点签名无效。',
      } satisfies Record<AnchorStatus, string>,
      noCheckpoints: '这份备份没有记录审计链检查点（由较早版本制作），只校验了审计链本身。',
      consentsIntact: '{{count}} 份知情同意书与签署时的指纹一致',
      consentsNone: '备份中没有知情同意书。',
      consentBroken: '{{date}}，{{patient}}的知情同意书：{{problem}}',
      consentProblems: {
        'hash-mismatch': '内容或签名与指纹不符',
        'status-changed': '记录的状态与患者的决定不符',
        'audit-differs': '指纹与审计日志中签署时记录的不同',
        'not-in-audit': '审计日志中没有它的签署记录',
      },
    },
    foreignKey: {
      title: '这份备份不是用本诊所当前的备份密码制作的',
      body: '它可能来自另一家诊所、另一台电脑，或是更换备份密码之前做的备份。恢复后，其中的账号和密码会替换本机的全部账号。只有确认文件来源可靠时才恢复；继续需要诊所负责人输入自己的登录密码。',
    },
    tables: {
      staff: '员工账号',
      settings: '设置',
      patients: '患者',
      visits: '就诊',
      catalogueVersions: '医保目录版本',
      catalogueItems: '医保目录项目',
      plannedItems: '计划项目',
      records: '病历档案',
      retentionPolicies: '保存规则',
      disposals: '销毁记录',
      complaints: '投诉',
      verifications: '身份核验',
      verificationReviews: '核验复核',
      consents: '自费知情同意书',
      consentVoids: '同意书作废',
      complaintEvents: '投诉处理记录',
      consultations: '咨询记录',
      attachments: '附件（照片、签名、投诉材料）',
      auditEvents: '审计日志条目',
      outbox: '变更记录（供工作站间同步）',
      rowClocks: '同步合并记录',
      syncIssues: '同步待核查记录',
    },
  },
  {
    title: 'Restore from a backup',
    intro:
      "Replaces all of this PC's data with a backup file, for example on a new PC. A safety backup of the current data is made first, and the current data stay on this PC.",
    open: 'Restore from file…',
    dialogTitle: 'Restore from a backup file',
    file: 'Backup file',
    chooseFile: 'Choose file…',
    passphrase: "This backup's passphrase",
    check: 'Read and verify',
    checking: 'Reading and verifying: {{done}} / {{total}}, {{rows}} records written',
    checkingEvidence:
      'All {{rows}} records are in; checking the counts, the audit trail and the signatures…',
    previewTitle: 'What the backup holds (read and verified in full)',
    clinic: 'Clinic',
    madeAt: 'Made at',
    appVersion: 'App version',
    table: 'Data',
    rows: 'Records',
    countsMatch: "All {{rows}} records were read; they match the backup's manifest.",
    confirmWarning:
      'Restoring replaces all current data on this PC with this backup. A safety backup of the current data is made first, and the current data stay on this PC. After the restore, log in with an account from the backup; this PC joins sync as a new device.',
    confirm: 'Back up current data and restore',
    confirmWarningEmpty:
      'This PC holds no data yet: the restore replaces nothing, so no safety backup is needed first. After the restore, log in with an account from the backup; this PC joins sync as a new device.',
    confirmEmpty: 'Restore to this PC',
    safety: 'Making a safety backup of the current data…',
    safetyFailed:
      'The safety backup of the current data failed, so nothing was restored. {{reason}}',
    switching: 'Restored. Reopening…',
    problems: {
      'wrong-passphrase':
        'Wrong passphrase: this backup does not open with it. Enter the backup passphrase that was set when it was made (mind capitals and spaces).',
      'not-a-backup':
        'This is not a ClinicDesk backup. Choose a file whose name ends in .cdbackup.',
      'newer-format':
        'This backup was made by a newer ClinicDesk. Update ClinicDesk on this PC first, then restore.',
      'newer-schema':
        'This backup holds data of a newer ClinicDesk. Update ClinicDesk on this PC first, then restore.',
      corrupted:
        'The backup file is damaged (at about byte {{offset}}); nothing was restored. Try another backup, such as another copy on the USB drive.',
      truncated:
        'The backup file is incomplete: it ends early, at byte {{offset}} (perhaps it was not copied in full). Copy the file again, or try another backup.',
      'counts-differ':
        "The records read differ from the backup's manifest; nothing was restored. Try another backup.",
      'import-failed':
        'Writing the restored data failed; the current data are unchanged. Try again; if it fails again, contact support.',
      'invalid-row':
        'Line {{line}} of the backup ({{table}}) is not valid: {{what}}. Nothing was restored. The file may have been altered: try another backup.',
      'not-a-row':
        'Line {{line}} of the backup is not a record. Nothing was restored. The file may have been altered: try another backup.',
      'line-too-long':
        'Line {{line}} of the backup is larger than any record can be. Nothing was restored. The file may have been altered: try another backup.',
      'too-many-rows':
        'The backup holds more records than any clinic could (at line {{line}}). Nothing was restored. The file may have been altered: try another backup.',
    },
    rowProblems: {
      'unknown-field': 'it has an unknown field "{{field}}"',
      missing: 'the field "{{field}}" is missing',
      'wrong-type': 'the field "{{field}}" has the wrong type',
      'out-of-range': 'the field "{{field}}" is out of range',
      'wrong-format': 'the field "{{field}}" has the wrong format',
      'not-allowed': 'the field "{{field}}" holds a value that is not allowed',
      'breaks-rule': 'the field "{{field}}" breaks a rule',
    },
    wholeRow: 'the whole record',
    evidence: {
      title: 'Audit chains and signed notices',
      intact: 'Audit chains and signed notices are intact: no sign of tampering.',
      broken:
        'Records in this backup show signs of tampering, and would stay as they are after a restore. Use another backup if you can; if you must restore this one, tell the clinic owner first and keep this file so the cause can be found.',
      noChains: 'The backup holds no audit log entries.',
      chainIntact: 'Device …{{device}}: audit chain intact, {{count}} events',
      chainIntact_one: 'Device …{{device}}: audit chain intact, {{count}} event',
      chainBroken: 'Device …{{device}}: audit chain broken at event number {{seq}}: {{problem}}',
      anchors: {
        ok: 'Device …{{device}}: audit chain reaches the checkpoint recorded at backup time (event number {{seq}})',
        shorter:
          'Device …{{device}}: audit chain shorter than the checkpoint the backup recorded: it ends at event number {{last}}, the checkpoint is at number {{seq}}. Events were deleted at the end.',
        rewritten:
          'Device …{{device}}: audit chain rewritten: event number {{seq}} differs from the checkpoint the backup recorded.',
        emptied:
          'Device …{{device}}: the backup recorded a checkpoint (event number {{seq}}), but the file holds no audit event of that device.',
        'signature-invalid': "Device …{{device}}: the checkpoint's signature is invalid.",
      },
      noCheckpoints:
        'This backup records no audit chain checkpoint (made by an earlier version): only the chains themselves were checked.',
      consentsIntact: '{{count}} signed notices match their fingerprints from signing',
      consentsIntact_one: '{{count}} signed notice matches its fingerprint from signing',
      consentsNone: 'The backup holds no signed notices.',
      consentBroken: 'Notice of {{patient}}, {{date}}: {{problem}}',
      consentProblems: {
        'hash-mismatch': 'its text or signatures do not match its fingerprint',
        'status-changed': "its stored status differs from the patient's decision",
        'audit-differs': 'its fingerprint differs from the one the audit log recorded at signing',
        'not-in-audit': 'the audit log has no record of its signing',
      },
    },
    foreignKey: {
      title: "This backup was not made with this clinic's current backup passphrase",
      body: 'It may come from another clinic, another PC, or from before the passphrase was changed. Restoring it replaces every account on this PC with its accounts and passwords. Restore it only if you trust where the file came from; to continue, the owner must enter their own login password.',
    },
    tables: {
      staff: 'Staff accounts',
      settings: 'Settings',
      patients: 'Patients',
      visits: 'Visits',
      catalogueVersions: 'Insurance catalogue versions',
      catalogueItems: 'Insurance catalogue items',
      plannedItems: 'Planned items',
      records: 'Medical records',
      retentionPolicies: 'Retention rules',
      disposals: 'Disposals',
      complaints: 'Complaints',
      verifications: 'Identity checks',
      verificationReviews: 'Check reviews',
      consents: 'Self-pay consents',
      consentVoids: 'Voided consents',
      complaintEvents: 'Complaint steps',
      consultations: 'Consultations',
      attachments: 'Attachments (photos, signatures, complaint files)',
      auditEvents: 'Audit log entries',
      outbox: 'Change log (for syncing workstations)',
      rowClocks: 'Sync merge bookkeeping',
      syncIssues: 'Sync changes to check',
    },
  },
);
