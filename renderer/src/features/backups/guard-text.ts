import { bilingual } from '../../i18n/bilingual';

/** The owner's password asked before a backup setting changes: t('backups.guard.…'). */
export const guardText = bilingual(
  {
    title: '请输入您的登录密码以确认',
    why: '备份设置决定诊所能否找回数据，因此每次更改都要由诊所负责人输入自己的登录密码确认，并记入审计日志。',
    what: {
      settings: '更改备份时间与保留份数',
      passphrase: '设置或更改备份密码',
      folder: '选择备份文件夹',
      restore: '恢复一份不是用本诊所当前备份密码制作的备份',
      oldStore: '删除恢复前的旧数据',
    },
    whyRestore:
      '这份备份中的账号和密码会替换本机的全部账号，因此需要诊所负责人输入自己的登录密码确认。',
    wrongRestore: '密码不正确，没有恢复。请输入您登录 ClinicDesk 时用的密码。',
    confirmRestore: '确认恢复',
    deleteWhy:
      '删除后这份旧数据无法找回，因此要由诊所负责人输入自己的登录密码确认，并记入审计日志。',
    confirmDelete: '确认删除',
    wrongDelete: '密码不正确，没有删除任何数据。请输入您登录 ClinicDesk 时用的密码。',
    password: '负责人登录密码',
    confirm: '确认更改',
    wrong: '密码不正确，备份设置没有更改。请输入您登录 ClinicDesk 时用的密码。',
    atLeast: '至少保留 {{min}} 份。',
    minimumHint:
      '为防止误删，每日备份至少保留 {{daily}} 份，每周至少 {{weekly}} 份，每月至少 {{monthly}} 份。',
    keyChangeHint:
      '更改备份密码后，用旧密码做的备份会一直保留，直到用新密码在 {{days}} 个不同的日子各做成一份校验通过的备份。',
  },
  {
    title: 'Enter your login password to confirm',
    why: "The backup settings decide whether the clinic can get its data back, so every change needs the owner's own login password and goes into the audit log.",
    what: {
      settings: 'Change the backup time and how many backups are kept',
      passphrase: 'Set or change the backup passphrase',
      folder: 'Choose the backup folder',
      restore: "Restore a backup not made with this clinic's current backup passphrase",
      oldStore: 'Delete the data from before a restore',
    },
    whyRestore:
      "This backup's accounts and passwords replace every account on this PC, so the owner must confirm with their own login password.",
    wrongRestore:
      'Wrong password: nothing was restored. Enter the password you log in to ClinicDesk with.',
    confirmRestore: 'Confirm restore',
    deleteWhy:
      "Once deleted these data cannot be brought back, so the owner's own login password is needed and the deletion goes into the audit log.",
    confirmDelete: 'Confirm deletion',
    wrongDelete:
      'Wrong password: nothing was deleted. Enter the password you log in to ClinicDesk with.',
    password: "Owner's login password",
    confirm: 'Confirm change',
    wrong:
      'Wrong password: the backup settings were not changed. Enter the password you log in to ClinicDesk with.',
    atLeast: 'Keep at least {{min}}.',
    minimumHint:
      'So that nothing is deleted by mistake, at least {{daily}} daily, {{weekly}} weekly and {{monthly}} monthly backups are kept.',
    keyChangeHint:
      'After the backup passphrase changes, backups made with the old one are kept until backups made with the new one have been verified on {{days}} different days.',
  },
);
