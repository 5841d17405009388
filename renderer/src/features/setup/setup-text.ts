import { bilingual } from '../../i18n/bilingual';

export const setupText = bilingual(
  {
    title: '欢迎使用 ClinicDesk',
    subtitle: '首次使用，请用几分钟完成诊所设置。所有数据只保存在本机和您诊所自己的服务器上。',
    steps: {
      language: '语言',
      clinic: '诊所信息',
      owner: '负责人账号',
      confirm: '确认',
      recovery: '恢复码',
    },
    languageHint: '界面语言可以随时在“设置”中更改。',
    start: {
      title: '您要如何开始？',
      newTitle: '新建诊所',
      newText: '第一次使用 ClinicDesk：填写诊所信息，创建负责人账号。',
      restoreTitle: '从备份恢复',
      restoreText:
        '换了新电脑或重装了系统：选择原来电脑上做的备份文件（.cdbackup），输入它的备份密码，即可恢复全部数据，然后用备份中的账号登录。',
      restoreButton: '从备份恢复…',
    },
    clinicName: '诊所名称',
    clinicNamePlaceholder: '例如：康宁口腔诊所',
    province: '参保地（省/直辖市）',
    provincePlaceholder: '选择省份',
    city: '参保地（市/区）',
    cityPlaceholder: '例如：深圳市',
    ownerIntro:
      '负责人账号可以管理员工、备份与设置。请牢记密码：它无法被找回。创建诊所后会显示一次恢复码，忘记密码时只能用它（或由另一位负责人重置）设置新密码。',
    confirmIntro: '请确认以下信息，然后创建诊所。',
    diskEncryption: {
      title: '请为这台电脑开启全盘加密',
      text: 'ClinicDesk 把患者资料保存在这台电脑上：备份文件是加密的，但电脑上的数据库没有加密。电脑丢失、被盗或送修时，只有全盘加密能保护这些资料。Windows 请开启 BitLocker（家庭版为“设备加密”），macOS 请开启 FileVault，Linux 请在安装系统时选择 LUKS 磁盘加密。',
    },
    create: '创建诊所并登录',
    creating: '正在创建…',
  },
  {
    title: 'Welcome to ClinicDesk',
    subtitle:
      "First run: a few minutes to set up your clinic. All data stay on this PC and on your clinic's own server.",
    steps: {
      language: 'Language',
      clinic: 'Clinic',
      owner: 'Owner account',
      confirm: 'Confirm',
      recovery: 'Recovery code',
    },
    languageHint: 'You can change the language at any time under Settings.',
    start: {
      title: 'How do you want to start?',
      newTitle: 'Start a new clinic',
      newText: 'First time with ClinicDesk: enter the clinic details and create the owner account.',
      restoreTitle: 'Restore from a backup',
      restoreText:
        'A new PC, or a fresh install: choose a backup file made on the old PC (.cdbackup), enter its backup passphrase, and all data come back; then log in with an account from the backup.',
      restoreButton: 'Restore from a backup…',
    },
    clinicName: 'Clinic name',
    clinicNamePlaceholder: 'e.g. Kangning Dental Clinic',
    province: 'Insured region (province)',
    provincePlaceholder: 'Choose a province',
    city: 'Insured region (city/district)',
    cityPlaceholder: 'e.g. Shenzhen',
    ownerIntro:
      'The owner manages staff, backups and settings. Remember the password: it cannot be recovered. Once the clinic is created, a recovery code is shown once: if the password is forgotten, only that code (or another owner) can set a new one.',
    confirmIntro: 'Check the details below, then create the clinic.',
    diskEncryption: {
      title: 'Turn on full-disk encryption on this PC',
      text: "ClinicDesk keeps patient data on this PC: backup files are encrypted, the database on the PC is not. If the PC is lost, stolen or sent for repair, only full-disk encryption protects those data. On Windows turn on BitLocker (on Home editions: 'Device encryption'), on macOS FileVault, on Linux choose LUKS disk encryption when installing the system.",
    },
    create: 'Create clinic and log in',
    creating: 'Creating…',
  },
);
