import { bilingual } from '../../i18n/bilingual';
import { guardText } from './guard-text';
import { oldStoresText } from './old-stores-text';
import { restoreText } from './restore-text';

export const backupsText = bilingual(
  {
    title: '备份',
    twoSentences: '{{first}}{{second}}',
    intro: '本机数据每天自动加密备份。备份可以导出到 U 盘，并能在新电脑上凭备份密码恢复。',
    noPassphrase: '还没有设置备份密码，因此还不能备份。请先在下方设置备份密码。',
    setupNotice: '创建诊所后，请到“备份”页面设置备份密码并做第一次备份。',
    passphrase: {
      thisSession:
        '这台电脑没有可用的系统钥匙串，备份密码只保留到 ClinicDesk 关闭为止。每次启动后请重新输入，否则每日自动备份会失败。',
      title: '备份密码',
      warning:
        '忘记备份密码，任何人（包括您自己和技术支持）都无法打开备份。请把密码写在纸上，与备份文件（U 盘）分开保管。',
      changeNote: '更改备份密码只影响以后的备份；以前的备份仍然需要当时的密码。',
      isSet: '本机已保存备份密码，可以自动备份。',
      field: '备份密码',
      confirm: '再次输入备份密码',
      hint: '至少 10 个字符，可以是一句好记的话。',
      tooShort: '备份密码至少需要 10 个字符，请输入更长的密码。',
      tooLong: '备份密码最多 200 个字符，请输入短一些的密码。',
      guessable:
        '备份密码太容易被猜到：{{rule}}。拿到备份文件的人可以离线反复尝试，请用几个不相关的词组成一句话。',
      mismatch: '两次输入的备份密码不一致，请重新输入。',
      set: '保存备份密码',
      change: '更改备份密码',
      saved: '备份密码已保存。',
    },
    now: {
      title: '最近一次成功备份',
      none: '还没有成功的备份。',
      last: '{{time}}，{{size}}',
      button: '立即备份',
      progress: '正在备份：{{rows}} / {{total}} 条记录，{{size}}',
      done: '备份完成并已校验：{{name}}',
      downloaded: '备份已校验并下载：{{name}}。请把它复制到 U 盘保存。',
      persistGranted: '浏览器已同意长期保存本机数据。',
      persistDenied:
        '浏览器没有同意长期保存本机数据：磁盘空间不足时，浏览器可能删除本机数据。请每天备份，并且不要清除本网站的浏览数据。',
    },
    history: {
      title: '备份记录',
      time: '时间',
      trigger: '方式',
      state: '状态',
      size: '大小',
      file: '文件',
      empty: '还没有备份记录。',
      export: '导出…',
      exported: '已导出。',
      exportUnavailable:
        '这份备份的文件已不在本机：浏览器下载的备份请到“下载”文件夹中查找；按保留规则删除的备份无法再导出。',
      triggers: { scheduled: '定时', manual: '手动', 'before-restore': '恢复前的安全备份' },
      states: { verified: '已校验', failed: '失败' },
    },
    failures: {
      'no-passphrase': '没有设置备份密码，无法备份。请先设置备份密码，然后点击“立即备份”。',
      'folder-unavailable':
        '无法写入备份文件夹（U 盘是否已拔出，或者没有权限？）。请插回 U 盘或重新选择文件夹，然后点击“立即备份”。',
      'disk-full': '备份位置的空间已满。请清理空间或选择其他文件夹，然后重新备份。',
      'write-failed': '写入备份文件时出错。请重新备份；如果仍然失败，请选择其他文件夹。',
      'verify-failed':
        '备份写入后读回校验不通过，已删除这份文件，以前的备份不受影响。请重新备份；如果仍然失败，请换一个文件夹。',
      interrupted: '备份在完成前中断，没有保存文件。请重新备份。',
      busy: '已有一个备份正在进行，请等它完成。',
      unexpected: '备份失败，数据没有改变。请重新备份；如果仍然失败，请联系技术支持。',
    },
    settings: {
      title: '备份位置与保留',
      folder: '备份文件夹',
      folderNone: '未选择：备份会下载到浏览器的“下载”文件夹，不会自动定时备份。',
      folderChosen: '{{name}}（定时备份自动写入这里）',
      chooseFolder: '选择文件夹…',
      folderUnsupported:
        '此浏览器不能选择文件夹：请每天点击“立即备份”，备份会下载到“下载”文件夹。需要自动定时备份，请使用 Chrome 或 Edge，或桌面版 ClinicDesk。',
      dailyTime: '每天备份时间',
      dailyTimeInvalid: '请按“时:分”输入，例如 18:30。',
      dailyTimeHint: '如果电脑在这个时间关着，下次打开 ClinicDesk 时会立即补做备份。',
      daily: '保留每日备份（份）',
      weekly: '保留每周备份（份）',
      monthly: '保留每月备份（份）',
      rotationHint: '最新一份校验通过的备份永远不会被删除。只删除备份文件夹里由本机写入的文件。',
      save: '保存设置',
      saved: '备份设置已保存。',
    },
    restore: restoreText['zh-CN'],
    oldStores: oldStoresText['zh-CN'],
    guard: guardText['zh-CN'],
    banner: {
      never: '还没有成功的备份。',
      stale: '最近一次成功备份在 {{time}}，已超过一天。',
      owner: '请立即备份。',
      ownerLink: '前往备份',
      others: '请告知诊所负责人。',
    },
    holding: '备份中：这段时间保存的内容会在备份完成后写入，请稍候，不要关闭程序。',
  },
  {
    title: 'Backups',
    twoSentences: '{{first}} {{second}}',
    intro:
      "This PC's data are backed up every day, encrypted. A backup can be exported to a USB drive and restored on a new PC with the backup passphrase.",
    noPassphrase: 'No backup passphrase is set, so nothing can be backed up yet. Set one below.',
    setupNotice:
      'Once the clinic is created, open Backups to set the backup passphrase and make the first backup.',
    passphrase: {
      thisSession:
        'This PC has no system keychain, so the backup passphrase is kept only until ClinicDesk closes. Enter it again after each start, or the daily backup will fail.',
      title: 'Backup passphrase',
      warning:
        'Without the backup passphrase nobody (not you, not support) can open a backup. Write it on paper and keep it apart from the backup files (the USB drive).',
      changeNote:
        'A new passphrase applies to backups made from now on; earlier backups still need the passphrase they were made with.',
      isSet: 'A backup passphrase is kept on this PC: backups can run unattended.',
      field: 'Backup passphrase',
      confirm: 'Backup passphrase again',
      hint: 'At least 10 characters; a sentence you remember works well.',
      tooShort: 'The backup passphrase needs at least 10 characters. Enter a longer one.',
      tooLong: 'The backup passphrase can have at most 200 characters. Enter a shorter one.',
      guessable:
        'The backup passphrase is too easy to guess: {{rule}}. Whoever holds a backup file can try offline for ever; use a sentence of unrelated words.',
      mismatch: 'The two passphrases differ. Type them again.',
      set: 'Save backup passphrase',
      change: 'Change backup passphrase',
      saved: 'Backup passphrase saved.',
    },
    now: {
      title: 'Last good backup',
      none: 'No good backup yet.',
      last: '{{time}}, {{size}}',
      button: 'Back up now',
      progress: 'Backing up: {{rows}} / {{total}} records, {{size}}',
      done: 'Backup made and verified: {{name}}',
      downloaded: 'Backup verified and downloaded: {{name}}. Copy it to a USB drive.',
      persistGranted: "The browser agreed to keep this PC's data.",
      persistDenied:
        "The browser did not agree to keep this PC's data: when the disk runs low it may delete them. Back up every day and do not clear this site's browsing data.",
    },
    history: {
      title: 'Backup history',
      time: 'Time',
      trigger: 'How',
      state: 'State',
      size: 'Size',
      file: 'File',
      empty: 'No backups yet.',
      export: 'Export…',
      exported: 'Exported.',
      exportUnavailable:
        'This backup is no longer on this PC: look for downloaded backups in the Downloads folder; backups removed by the keep rules cannot be exported.',
      triggers: {
        scheduled: 'Scheduled',
        manual: 'Manual',
        'before-restore': 'Safety copy before restore',
      },
      states: { verified: 'Verified', failed: 'Failed' },
    },
    failures: {
      'no-passphrase': 'No backup passphrase is set. Set one, then click "Back up now".',
      'folder-unavailable':
        'The backup folder cannot be written (USB drive removed, or no permission?). Plug the drive back in or choose the folder again, then click "Back up now".',
      'disk-full':
        'The backup location is full. Free some space or choose another folder, then back up again.',
      'write-failed':
        'Writing the backup file failed. Back up again; if it fails again, choose another folder.',
      'verify-failed':
        'The backup did not read back correctly, so the file was removed; earlier backups are untouched. Back up again; if it fails again, choose another folder.',
      interrupted: 'The backup stopped before it finished; no file was kept. Back up again.',
      busy: 'A backup is already running. Wait for it to finish.',
      unexpected:
        'The backup failed; no data were changed. Back up again; if it fails again, contact support.',
    },
    settings: {
      title: 'Where backups go, and how many are kept',
      folder: 'Backup folder',
      folderNone:
        "None chosen: backups download to the browser's Downloads folder, and none run on a schedule.",
      folderChosen: '{{name}} (scheduled backups are written here)',
      chooseFolder: 'Choose folder…',
      folderUnsupported:
        'This browser cannot choose a folder: click "Back up now" every day and the backup downloads to the Downloads folder. For scheduled backups use Chrome or Edge, or the ClinicDesk desktop app.',
      dailyTime: 'Daily backup time',
      dailyTimeInvalid: 'Enter hours:minutes, such as 18:30.',
      dailyTimeHint: 'If the PC is off at this time, ClinicDesk backs up as soon as it next opens.',
      daily: 'Daily backups kept',
      weekly: 'Weekly backups kept',
      monthly: 'Monthly backups kept',
      rotationHint:
        'The newest verified backup is never deleted. Only files this PC wrote into the backup folder are removed.',
      save: 'Save settings',
      saved: 'Backup settings saved.',
    },
    restore: restoreText.en,
    oldStores: oldStoresText.en,
    guard: guardText.en,
    banner: {
      never: 'There is no good backup yet.',
      stale: 'The last good backup was made at {{time}}, more than a day ago.',
      owner: 'Back up now.',
      ownerLink: 'Go to Backups',
      others: 'Please tell the clinic owner.',
    },
    holding:
      'Backing up: anything saved meanwhile is written once the backup is done. Please wait and keep the app open.',
  },
);
