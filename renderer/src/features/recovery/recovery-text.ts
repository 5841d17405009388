import { bilingual } from '../../i18n/bilingual';

/** The owner's recovery code: shown once, typed back at login, renewed in Settings (namespace `recovery`). */
export const recoveryText = bilingual(
  {
    title: '请保存负责人恢复码',
    introSetup:
      '诊所已创建。这是负责人 {{name}}（用户名 {{username}}）的恢复码：忘记密码时，可以在登录页用它设置新密码。',
    introRecovered:
      '{{name}}（用户名 {{username}}）的密码已更新，刚才用的恢复码已作废。这是新的恢复码，请用它替换纸上的旧码。',
    introRenewed: '旧的恢复码已作废。这是 {{name}}（用户名 {{username}}）新的恢复码。',
    onceOnly:
      '恢复码只显示这一次。ClinicDesk 只保存它的加密摘要，之后谁也无法再查看。请现在抄下或打印，与备份密码分开、妥善保管。',
    nothingElse:
      '没有恢复码，也没有备份密码，就什么都无法找回：任何人（包括 ClinicDesk）都无能为力。',
    print: '打印',
    printHint: '打印后请检查纸上的恢复码清晰完整。',
    confirm: '我已抄下或打印',
    continue: '继续',
    sheet: {
      title: 'ClinicDesk 负责人恢复码',
      clinic: '诊所：{{clinic}}',
      owner: '负责人：{{name}}（用户名 {{username}}）',
      madeAt: '生成时间：{{date}}',
      use: '忘记密码时：在登录页点击“忘记密码？使用恢复码”，输入此码并设置新密码。此码用过一次即作废，届时会显示新码。',
      keep: '请将本页与备份密码分开、锁好保管，不要拍照或存放在电脑上。',
    },
    forgot: '忘记密码？使用恢复码',
    recoverTitle: '用恢复码设置新密码',
    recoverIntro:
      '输入负责人设置诊所（或在“设置”中生成新码）时抄下或打印的恢复码，然后设置新密码。大小写、空格和横线都可以。',
    recoverWho:
      '只有负责人有恢复码。其他员工忘记密码，请负责人在“员工”页重置。没有恢复码也没有备份密码，就什么都无法找回。',
    code: '恢复码',
    codeInvalid: '恢复码是 20 位字母和数字，例如 ABCD-EFGH-JKMN-PQRS-TUVW',
    recover: '设置新密码',
    recovering: '正在验证…',
    backToLogin: '返回登录',
    recovered: '{{name}} 的密码已更新。请用新密码登录。',
    card: {
      title: '恢复码',
      missing: '您还没有恢复码',
      missingText:
        '如果您忘记密码，而诊所没有其他负责人能为您重置，恢复码是唯一的办法。请现在生成一个，并抄下或打印。没有恢复码也没有备份密码，就什么都无法找回。',
      create: '生成恢复码',
      current:
        '您的恢复码生成于 {{date}}。如果纸条丢失，或可能被别人看到，请生成新的恢复码：旧码会立即作废。',
      renew: '生成新的恢复码',
      dialogTitle: '生成恢复码',
      dialogBody: '请输入您的密码。新的恢复码生成后，旧的（如果有）立即作废。',
      password: '您的密码',
      submit: '生成',
    },
  },
  {
    title: 'Keep the owner recovery code',
    introSetup:
      'The clinic is set up. This is the recovery code of the owner {{name}} (username {{username}}): if the password is forgotten, it sets a new one from the login screen.',
    introRecovered:
      'The password of {{name}} (username {{username}}) is updated, and the code just used no longer works. This is the new recovery code: replace the old copy with it.',
    introRenewed:
      'The old recovery code no longer works. This is the new one for {{name}} (username {{username}}).',
    onceOnly:
      'The code is shown only this once. ClinicDesk keeps only a hash of it, and nobody can show it again. Write it down or print it now, and keep it safe, apart from the backup passphrase.',
    nothingElse:
      'Without this code and without the backup passphrase, nothing can be recovered: nobody can help, ClinicDesk included.',
    print: 'Print',
    printHint: 'After printing, check that the code on paper is clear and complete.',
    confirm: 'I have written it down or printed it',
    continue: 'Continue',
    sheet: {
      title: 'ClinicDesk owner recovery code',
      clinic: 'Clinic: {{clinic}}',
      owner: 'Owner: {{name}} (username {{username}})',
      madeAt: 'Made: {{date}}',
      use: 'If the password is forgotten: on the login screen, click "Forgot password? Use the recovery code", type this code and choose a new password. The code works once; a new one is then shown.',
      keep: 'Lock this page away, apart from the backup passphrase. Do not photograph it or keep it on a computer.',
    },
    forgot: 'Forgot password? Use the recovery code',
    recoverTitle: 'Set a new password with the recovery code',
    recoverIntro:
      'Type the recovery code the owner wrote down or printed when setting up the clinic (or when making a new one in Settings), then choose a new password. Any case; spaces and dashes are fine.',
    recoverWho:
      'Only owners have a recovery code. Other staff who forget their password: ask the owner to reset it under Staff. Without the recovery code and without the backup passphrase, nothing can be recovered.',
    code: 'Recovery code',
    codeInvalid: 'A recovery code has 20 letters and digits, like ABCD-EFGH-JKMN-PQRS-TUVW',
    recover: 'Set new password',
    recovering: 'Checking…',
    backToLogin: 'Back to log in',
    recovered: "{{name}}'s password is updated. Log in with the new one.",
    card: {
      title: 'Recovery code',
      missing: 'You have no recovery code yet',
      missingText:
        'If you forget your password and no other owner can reset it, the recovery code is the only way back in. Create one now and write it down or print it. Without a recovery code and without the backup passphrase, nothing can be recovered.',
      create: 'Create a recovery code',
      current:
        'Your recovery code was made on {{date}}. If the paper is lost, or someone else may have seen it, make a new one: the old one stops working at once.',
      renew: 'Make a new recovery code',
      dialogTitle: 'Make a recovery code',
      dialogBody:
        'Enter your password. Once the new recovery code is made, the old one (if any) stops working.',
      password: 'Your password',
      submit: 'Make code',
    },
  },
);
