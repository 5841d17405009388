import { bilingual } from '../../i18n/bilingual';

export const syncText = bilingual(
  {
    title: '同步',
    intro:
      '诊所的各台工作站通过同步服务交换数据：每台电脑都可离线工作，联网后自动合并，无需手动操作。',
    state: {
      off: '未连接同步',
      syncing: '正在同步',
      online: '已同步',
      offline: '离线',
      error: '同步出错',
      revoked: '已被移出同步',
    },
    pending: '{{count}} 条变更待上传',
    lastSync: '上次同步：{{time}}',
    never: '尚未同步',
    clockWarning:
      '本机时钟与同步服务相差 {{minutes}} 分钟。请校准这台电脑（{{device}}）的系统时间，否则修改的先后可能判断错误。',
    connect: {
      title: '连接到诊所的同步服务',
      hint: '在运行同步服务的电脑上执行 "clinicdesk hub pair-code"，或由负责人在已连接的工作站上生成配对码。',
      url: '同步服务地址',
      urlPlaceholder: '例如：http://192.168.1.20:7300',
      urlInvalid: '请输入以 http:// 或 https:// 开头的地址，例如 http://192.168.1.20:7300',
      scanHint: '也可以用扫码枪扫描负责人屏幕上的配对二维码，地址和配对码会自动填好。',
      code: '配对码',
      codePlaceholder: '8 位字母数字，例如 ABCD-EFGH',
      codeInvalid: '配对码为 8 位字母或数字',
      deviceName: '本机名称',
      deviceNameHint: '其他工作站和负责人会看到这个名称，例如“前台电脑”。',
      deviceNameRequired: '请填写本机名称',
      submit: '连接',
      connecting: '正在连接…',
      unreachable: '无法连接同步服务。请检查地址、网络，以及同步服务是否在运行。',
      done: '已连接到“{{clinic}}”的同步服务。',
    },
    joinData: {
      title: '把本机的资料并入诊所？',
      records: '本机的资料将并入诊所，所有工作站都能看到：',
      patients: '患者',
      visits: '就诊',
      consents: '告知书',
      duplicates: '同一证件号码的患者会在各台电脑上标出，由医保专员或负责人合并。',
      staff: '本机的员工账号也将并入诊所：',
      staffClash: '与诊所已有账号用户名相同的，会在“员工”页标出，由负责人为其中一个改名。',
      settings:
        '诊所设置（诊所名称、所在地区、锁屏时间）以同步服务上已有的为准；诊所还没有设置的，沿用本机的。',
      final: '并入后不能撤销。建议先在“备份”页做一次备份。',
      confirm: '并入诊所',
    },
    linked: {
      clinic: '诊所',
      url: '同步服务地址',
      status: '状态',
      lastSync: '上次同步',
      device: '本机在同步服务中的名称',
      syncNow: '立即同步',
    },
    pairing: {
      title: '添加工作站',
      text: '在新工作站的首次启动页面选择“加入诊所同步”，输入同步服务地址和下面的配对码，或用扫码枪扫描二维码。配对码 10 分钟内有效，只能使用一次。',
      create: '生成配对码',
      code: '配对码',
      qr: '配对二维码',
      expires: '有效期至 {{time}}',
      adminOnly: '只有负责人的工作站可以生成配对码。',
    },
    devices: {
      title: '已配对的工作站',
      name: '名称',
      lastSeen: '最近联系',
      status: '状态',
      active: '正常',
      revoked: '已撤销',
      revoke: '撤销',
      revokeConfirm: '撤销“{{name}}”？它将无法再同步，需重新配对。',
      thisDevice: '本机',
      none: '—',
    },
    update: {
      title: '请更新本机的 ClinicDesk',
      text: '诊所的其他工作站使用了更新的版本，写入了 {{count}} 条本机还不能读取的记录。这些记录已保存在本机，更新后会自动应用，不会丢失。',
      tag: '需更新',
    },
    issues: {
      title: '{{count}} 条同步记录未能应用或需要核查，请联系技术支持，不要删除本机数据。',
      refusedTitle:
        '{{count}} 条变更未被诊所接受：做出变更时，此人的账号或角色已不允许这样做。变更已保存在本机，请负责人逐条核实下表中的说明。',
      at: '时间',
      kind: '类型',
      kinds: { quarantined: '未能应用', alarm: '需核查', refused: '未被接受' },
      record: '记录',
      detail: '说明',
      causes: {
        'unknown-table':
          '这条变更属于本机版本不认识的数据（可能来自更新版本的 ClinicDesk）。已保存在本机；请先更新本机，如仍出现，请联系技术支持。',
        malformed: '这条变更的内容不完整或格式不对，未应用。已保存在本机，请联系技术支持。',
        unsupported: '这条变更要求的操作本机版本尚不支持，未应用。已保存在本机，请更新本机。',
        'cannot-apply': '这条变更无法与本机已有的记录合并，未应用。已保存在本机，请联系技术支持。',
        'conflicting-insert':
          '同一条记录在两台工作站上的内容不同。两份都已保留，以先写入的为准；请核实哪一份正确。',
        invariant:
          '合并后这条记录前后不一致（例如已签字的同意书不再覆盖计划的数量）。请核实并更正。',
        other: '这条变更未能应用。已保存在本机，请联系技术支持。',
      },
      refused: {
        'unknown-actor':
          '{{name}}所做的“{{act}}”未被接受：同步到诊所时，诊所没有这个账号。该变更已保存在本机，未应用到任何工作站。请负责人核实。',
        'inactive-actor':
          '{{name}}所做的“{{act}}”未被接受：同步到诊所时，该账号已被停用。该变更已保存在本机，未应用到任何工作站。请负责人核实是否属实（例如患者确实已签字）。',
        'role-not-held':
          '{{name}}以“{{role}}”身份所做的“{{act}}”未被接受：同步到诊所时，此人已不再担任该角色。该变更已保存在本机，未应用到任何工作站。请负责人核实是否属实（例如患者确实已签字）。',
        'role-cannot':
          '{{name}}以“{{role}}”身份所做的“{{act}}”未被接受：该角色无权进行此操作。该变更已保存在本机，未应用到任何工作站。请负责人核实。',
        'unauthorised-disposal':
          '一项记录销毁未被接受：它没有附带有权批准销毁的人（负责人或医保专员）所做的销毁记录。记录内容在诊所和所有工作站上都保持不变，没有任何内容被删除。该变更已保存在本机，请负责人核实是谁发起的。',
      },
    },
    repair: {
      title: '重新配对',
      text: '请负责人在其工作站的“同步”页面生成新的配对码。本机尚未上传的变更会在配对后上传，不会丢失。',
    },
    initial: {
      title: '首次同步：正在接收诊所的数据',
      counts: '已接收 {{applied}} / {{total}} 条记录',
      received: '已接收 {{applied}} 条记录',
      starting: '正在连接同步服务…',
      eta: '预计还需约 {{minutes}} 分钟',
      etaSoon: '即将完成',
      parts: {
        setup: '诊所设置与人员',
        patients: '患者（完成后即可搜索）',
        visits: '就诊与知情同意',
        history: '历史与审计记录',
      },
      resumes: '断网或关闭程序不会丢失进度，恢复后从中断处继续。',
      gate: '首次同步尚未完成：本机还没有诊所的全部记录，{{what}}要等同步完成后才能进行。',
      indicator: '首次同步 {{percent}}%',
      what: { dailyReview: '日终核对' },
    },
    host: {
      title: '本机作为诊所的同步服务',
      hint: '在一直开着、连着诊所网络的电脑上开启：其他工作站用下面的地址连接到它。ClinicDesk 运行时同步服务一同运行，下次启动时自动开启。',
      switch: '本机提供同步服务',
      addresses: '其他工作站连接时填写的地址',
      qr: '地址二维码',
      noAddress: '未找到局域网地址：请检查这台电脑是否已连接诊所的网络。',
      unencrypted:
        '局域网内的同步数据未加密传输：请只在诊所自己的网络中开启，不要在公共或访客 Wi-Fi 上使用。',
      failures: {
        'port-in-use':
          '无法开启：端口 {{port}} 已被其他程序占用。请关闭该程序后重试，或联系技术支持。',
        locked:
          '无法开启：同步服务的数据文件夹正被另一个同步服务使用（另一个 ClinicDesk，或 “clinicdesk hub” 命令）。请先关闭它再重试。',
        exited: '同步服务意外停止。请重试；如再次出现，请联系技术支持。',
        failed: '同步服务无法启动。请重试；如仍无法启动，请联系技术支持。您的数据不受影响。',
      },
      retry: '重试',
      unavailable: '无法读取本机同步服务的状态，请重新启动 ClinicDesk。',
      connecting: '正在把本机连接到这个同步服务…',
      connected: '本机已连接到自己的同步服务。',
      connectFailed: '同步服务已开启，但本机没能连接到它。请点击“连接本机”重试。',
      connectSelf: '连接本机',
      otherHub:
        '本机已连接到另一台电脑上的同步服务（{{url}}）。一个诊所只应有一个同步服务：除非要把同步服务搬到这台电脑，否则请关闭此开关。',
      offConfirm: '关闭本机的同步服务？',
      offConfirmText: '其他工作站将无法同步，直到再次开启。它们的数据不会丢失。',
      offConfirmOk: '关闭',
    },
    join: {
      title: '加入诊所同步',
      text: '诊所已在其他电脑上使用 ClinicDesk：连接诊所的同步服务，取得全部数据后用原有账号登录。',
      button: '加入诊所同步…',
    },
  },
  {
    title: 'Sync',
    intro:
      "The clinic's workstations exchange data through the sync service: each PC works offline, and changes merge by themselves once it is back online. There is nothing to press.",
    state: {
      off: 'Not connected',
      syncing: 'Syncing',
      online: 'Up to date',
      offline: 'Offline',
      error: 'Sync error',
      revoked: 'Removed from sync',
    },
    pending: '{{count}} changes to upload',
    pending_one: '{{count}} change to upload',
    lastSync: 'Last sync: {{time}}',
    never: 'Not synced yet',
    clockWarning:
      "This PC's clock is {{minutes}} minutes off the sync service's. Set the time on this PC ({{device}}), or the order of changes may be judged wrongly.",
    connect: {
      title: "Connect to the clinic's sync service",
      hint: 'On the PC running the sync service, run "clinicdesk hub pair-code", or have the owner create a pairing code on a connected workstation.',
      url: 'Sync service address',
      urlPlaceholder: 'e.g. http://192.168.1.20:7300',
      urlInvalid:
        'Enter an address starting with http:// or https://, e.g. http://192.168.1.20:7300',
      scanHint:
        "Or scan the pairing QR code on the owner's screen with a barcode scanner: the address and code fill in by themselves.",
      code: 'Pairing code',
      codePlaceholder: '8 letters or digits, e.g. ABCD-EFGH',
      codeInvalid: 'A pairing code is 8 letters or digits',
      deviceName: 'Name of this PC',
      deviceNameHint: 'Other workstations and the owner see this name, e.g. "Front desk".',
      deviceNameRequired: 'Enter a name for this PC',
      submit: 'Connect',
      connecting: 'Connecting…',
      unreachable:
        'The sync service cannot be reached. Check the address, the network, and that the service is running.',
      done: 'Connected to the sync service of “{{clinic}}”.',
    },
    joinData: {
      title: "Join this PC's records to the clinic?",
      records: "This PC's records join the clinic's, and every workstation will see them:",
      patients: 'Patients',
      visits: 'Visits',
      consents: 'Notices',
      duplicates:
        'Patients with the same ID number are flagged on every PC, for the insurance officer or the owner to merge.',
      staff: "This PC's staff accounts join the clinic too:",
      staffClash:
        'An account whose username the clinic already uses is flagged on the Staff page, for the owner to rename one of the two.',
      settings:
        "The clinic's settings (clinic name, region, lock time) on the sync service win; what the clinic has not set yet is taken from this PC.",
      final: 'This cannot be undone. Make a backup first, on the Backups page.',
      confirm: 'Join the clinic',
    },
    linked: {
      clinic: 'Clinic',
      url: 'Sync service address',
      status: 'Status',
      lastSync: 'Last sync',
      device: 'This PC on the sync service',
      syncNow: 'Sync now',
    },
    pairing: {
      title: 'Add a workstation',
      text: 'On the new workstation, choose "Join the clinic\'s sync" on the first screen and enter the sync service address and the code below, or scan the QR code with a barcode scanner. The code works once, for 10 minutes.',
      create: 'Create a pairing code',
      code: 'Pairing code',
      qr: 'Pairing QR code',
      expires: 'Valid until {{time}}',
      adminOnly: "Only the owner's workstation can create pairing codes.",
    },
    devices: {
      title: 'Paired workstations',
      name: 'Name',
      lastSeen: 'Last seen',
      status: 'Status',
      active: 'Active',
      revoked: 'Revoked',
      revoke: 'Revoke',
      revokeConfirm: 'Revoke “{{name}}”? It can no longer sync until paired again.',
      thisDevice: 'This PC',
      none: '—',
    },
    update: {
      title: 'Update ClinicDesk on this PC',
      text: 'Other workstations run a newer version and wrote {{count}} records this PC cannot read yet. They are kept here and applied by themselves after the update; nothing is lost.',
      text_one:
        'Other workstations run a newer version and wrote {{count}} record this PC cannot read yet. It is kept here and applied by itself after the update; nothing is lost.',
      tag: 'update needed',
    },
    issues: {
      title:
        "{{count}} synced changes could not be applied or need checking. Contact support, and do not delete this PC's data.",
      title_one:
        "{{count}} synced change could not be applied or needs checking. Contact support, and do not delete this PC's data.",
      refusedTitle:
        '{{count}} changes were not accepted by the clinic: the account or role of the person who made them no longer allowed it. They are kept on this PC. The owner should check each one as the table below explains.',
      refusedTitle_one:
        '{{count}} change was not accepted by the clinic: the account or role of the person who made it no longer allowed it. It is kept on this PC. The owner should check it as the table below explains.',
      at: 'Time',
      kind: 'Kind',
      kinds: { quarantined: 'Not applied', alarm: 'To check', refused: 'Not accepted' },
      record: 'Record',
      detail: 'Detail',
      causes: {
        'unknown-table':
          'This change holds data this version of ClinicDesk does not know (probably from a newer version). It is kept on this PC; update this PC first, and contact support if it stays.',
        malformed:
          'This change is incomplete or badly formed and was not applied. It is kept on this PC; contact support.',
        unsupported:
          'This change asks for something this version cannot do yet and was not applied. It is kept on this PC; update this PC.',
        'cannot-apply':
          'This change could not be merged with the record this PC holds and was not applied. It is kept on this PC; contact support.',
        'conflicting-insert':
          'The same record has different contents on two workstations. Both are kept and the first written counts; check which one is right.',
        invariant:
          'After the merge this record no longer adds up (for example, a signed consent no longer covers the planned quantity). Check it and correct it.',
        other: 'This change could not be applied. It is kept on this PC; contact support.',
      },
      refused: {
        'unknown-actor':
          '"{{act}}" by {{name}} was not accepted: when it reached the clinic, the clinic had no such account. The change is kept on this PC and applied on no workstation. The owner should check it.',
        'inactive-actor':
          '"{{act}}" by {{name}} was not accepted: when it reached the clinic, the account had been deactivated. The change is kept on this PC and applied on no workstation. The owner should check whether it is genuine (for example, a patient really signed).',
        'role-not-held':
          '"{{act}}" by {{name}} as {{role}} was not accepted: when it reached the clinic, this person no longer held that role. The change is kept on this PC and applied on no workstation. The owner should check whether it is genuine (for example, a patient really signed).',
        'role-cannot':
          '"{{act}}" by {{name}} as {{role}} was not accepted: that role may not do this. The change is kept on this PC and applied on no workstation. The owner should check it.',
        'unauthorised-disposal':
          'A disposal of a record was not accepted: it did not come with a disposal recorded by someone allowed to approve disposals (the owner or the insurance officer). The record stays as it was at the clinic and on every workstation; nothing was erased. The change is kept on this PC; the owner should check who started it.',
      },
    },
    repair: {
      title: 'Pair again',
      text: "Ask the owner to create a new pairing code on their workstation's Sync screen. Changes this PC has not uploaded yet are uploaded once it is paired; nothing is lost.",
    },
    initial: {
      title: "First sync: receiving the clinic's data",
      counts: '{{applied}} of {{total}} records received',
      received: '{{applied}} records received',
      starting: 'Connecting to the sync service…',
      eta: 'about {{minutes}} minutes left',
      etaSoon: 'almost done',
      parts: {
        setup: 'Clinic settings and staff',
        patients: 'Patients (searchable once in)',
        visits: 'Visits and consents',
        history: 'History and audit trail',
      },
      resumes:
        'A dropped network or a closed app loses nothing: the sync goes on from where it stopped.',
      gate: "This PC's first sync is not complete and it does not hold all of the clinic's records yet: the {{what}} waits until it is.",
      indicator: 'First sync {{percent}}%',
      what: { dailyReview: 'daily review' },
    },
    host: {
      title: "This PC hosts the clinic's sync service",
      hint: "Turn this on on a PC that stays on and connected to the clinic's network: the other workstations connect to it at the address below. The service runs while ClinicDesk runs, and starts again with it.",
      switch: 'This PC hosts the sync service',
      addresses: 'Address for the other workstations',
      qr: 'The address as a QR code',
      noAddress: "No LAN address found: check that this PC is connected to the clinic's network.",
      unencrypted:
        "Sync data travels unencrypted on the local network: turn this on only on the clinic's own network, never on public or guest Wi-Fi.",
      failures: {
        'port-in-use':
          'Could not start: port {{port}} is used by another program. Close that program and try again, or contact support.',
        locked:
          'Could not start: the sync service\'s data folder is in use by another sync service (another ClinicDesk, or the "clinicdesk hub" command). Close it, then try again.',
        exited:
          'The sync service stopped unexpectedly. Try again; if it happens again, contact support.',
        failed:
          'The sync service could not start. Try again; if it still does not start, contact support. Your data is not affected.',
      },
      retry: 'Try again',
      unavailable: "This PC's sync service cannot be read. Restart ClinicDesk.",
      connecting: 'Connecting this PC to its sync service…',
      connected: 'This PC is connected to its own sync service.',
      connectFailed:
        'The sync service is on, but this PC could not connect to it. Press "Connect this PC" to try again.',
      connectSelf: 'Connect this PC',
      otherHub:
        'This PC is connected to the sync service of another PC ({{url}}). A clinic should have one sync service only: unless you are moving it to this PC, turn this off.',
      offConfirm: "Turn off this PC's sync service?",
      offConfirmText:
        'The other workstations cannot sync until it is on again. They lose none of their data.',
      offConfirmOk: 'Turn off',
    },
    join: {
      title: "Join the clinic's sync",
      text: 'The clinic already uses ClinicDesk on other PCs: connect to its sync service, receive all its data, then log in with your existing account.',
      button: "Join the clinic's sync…",
    },
  },
);
