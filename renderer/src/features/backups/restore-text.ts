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
    checking: '正在读取并校验：{{done}} / {{total}}',
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
      attachments: '附件（照片、签名）',
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
    checking: 'Reading and verifying: {{done}} / {{total}}',
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
      attachments: 'Attachments (photos, signatures)',
      auditEvents: 'Audit log entries',
      outbox: 'Change log (for syncing workstations)',
      rowClocks: 'Sync merge bookkeeping',
      syncIssues: 'Sync changes to check',
    },
  },
);
