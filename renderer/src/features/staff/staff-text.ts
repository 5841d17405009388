import { bilingual } from '../../i18n/bilingual';

/** The staff screen (namespace `staff`); field labels come from `account.*`, role names from `common.roles`. */
export const staffText = bilingual(
  {
    title: '员工账号',
    intro:
      '每位员工用自己的账号登录，能做什么由角色决定。账号不会被删除：停用后不能再登录，但其姓名会保留在其经手的所有记录和审计日志中。',
    add: '添加员工',
    you: '本人',
    sharedUsername: {
      tag: '用户名重复',
      hint: '两台电脑在同步前各建了一个同名账号。两个账号都保留，登录时按密码区分；请为其中一人改用户名。',
    },
    columns: {
      name: '姓名',
      username: '用户名',
      roles: '角色',
      status: '状态',
      updatedAt: '最近修改',
      actions: '操作',
    },
    status: {
      active: '在职',
      inactive: '已停用',
    },
    actions: {
      edit: '编辑',
      deactivate: '停用',
      reactivate: '恢复启用',
      resetPassword: '重置密码',
      renameUsername: '改用户名',
    },
    rolesHint: '可兼任多个角色：能做的事为各角色之和。药师负责取药核对。',
    rolesRequired: '请至少选择一个角色',
    reasonTooLong: '不超过 {{max}} 个字',
    addDialog: {
      title: '添加员工',
      passwordNote: '这是临时密码：请当面告知本人。对方第一次登录时必须改成只有自己知道的新密码。',
      temporaryPassword: '临时密码',
      submit: '添加',
      done: '已添加 {{name}}。',
    },
    editDialog: {
      title: '编辑 {{name}}',
      ownRoleNote: '如果去掉自己的负责人角色，保存后您将不能再管理员工。',
      submit: '保存',
      done: '已保存 {{name}} 的资料。',
    },
    deactivateDialog: {
      title: '停用 {{name}} 的账号',
      body: '停用后，{{name}} 将不能再登录。其姓名仍会保留在经手的所有记录和审计日志中；以后可以随时恢复启用。',
      self: '您正在停用自己的账号，确认后将立即退出登录。',
      reason: '停用原因',
      reasonPlaceholder: '例如：已离职、长期休假',
      submit: '停用',
      done: '已停用 {{name}} 的账号。',
    },
    reactivateDialog: {
      title: '恢复启用 {{name}} 的账号',
      body: '恢复后，{{name}} 可以用原来的密码再次登录。如果担心密码已被他人知道，请随后重置密码。',
      reason: '备注（可选）',
      submit: '恢复启用',
      done: '已恢复启用 {{name}} 的账号。',
    },
    renameDialog: {
      title: '为{{name}}改用户名',
      body: '用户名“{{username}}”有两个账号在用。改名后，{{name}}用新用户名和原来的密码登录；请当面告知本人。',
      newUsername: '新用户名',
      submit: '改用户名',
      done: '{{name}}的用户名已改为 {{username}}，请告知本人。',
    },
    resetDialog: {
      title: '重置 {{name}} 的密码',
      body: '请设置一个临时密码并当面告知 {{name}}。{{name}} 下次登录时必须先设置一个只有自己知道的新密码，才能继续使用。',
      submit: '重置密码',
      done: '已重置 {{name}} 的密码。下次登录时需设置新密码。',
    },
  },
  {
    title: 'Staff accounts',
    intro:
      'Everyone logs in with their own account; their role decides what they can do. Accounts are never deleted: a deactivated person can no longer log in, but their name stays on every record and audit entry they made.',
    add: 'Add staff',
    you: 'You',
    sharedUsername: {
      tag: 'username shared',
      hint: 'Two PCs each created an account with this username before they synced. Both are kept and the password tells them apart at login; give one of the two a username of their own.',
    },
    columns: {
      name: 'Name',
      username: 'Username',
      roles: 'Roles',
      status: 'Status',
      updatedAt: 'Last changed',
      actions: 'Actions',
    },
    status: {
      active: 'Active',
      inactive: 'Deactivated',
    },
    actions: {
      edit: 'Edit',
      deactivate: 'Deactivate',
      reactivate: 'Reactivate',
      resetPassword: 'Reset password',
      renameUsername: 'Rename',
    },
    rolesHint:
      'A person may hold several roles and may do what any of them allows. The pharmacist does the dispensing check.',
    rolesRequired: 'Choose at least one role',
    reasonTooLong: 'At most {{max}} characters',
    addDialog: {
      title: 'Add staff',
      passwordNote:
        'This is a temporary password: tell it to the person face to face. At their first login they must replace it with one only they know.',
      temporaryPassword: 'Temporary password',
      submit: 'Add',
      done: '{{name}} added.',
    },
    editDialog: {
      title: 'Edit {{name}}',
      ownRoleNote:
        'If you take the owner role away from yourself, you will no longer be able to manage staff after saving.',
      submit: 'Save',
      done: "{{name}}'s details saved.",
    },
    deactivateDialog: {
      title: "Deactivate {{name}}'s account",
      body: '{{name}} will no longer be able to log in. Their name stays on every record and audit entry they made, and the account can be reactivated at any time.',
      self: 'You are deactivating your own account; you will be logged out at once.',
      reason: 'Reason for deactivating',
      reasonPlaceholder: 'e.g. left the clinic, long leave',
      submit: 'Deactivate',
      done: "{{name}}'s account deactivated.",
    },
    reactivateDialog: {
      title: "Reactivate {{name}}'s account",
      body: '{{name}} will be able to log in again with their old password. If it may have become known to others, reset it afterwards.',
      reason: 'Note (optional)',
      submit: 'Reactivate',
      done: "{{name}}'s account reactivated.",
    },
    renameDialog: {
      title: 'A new username for {{name}}',
      body: 'Two accounts use the username "{{username}}". After the change, {{name}} logs in with the new username and the same password; tell them face to face.',
      newUsername: 'New username',
      submit: 'Rename',
      done: "{{name}}'s username is now {{username}}. Tell them.",
    },
    resetDialog: {
      title: "Reset {{name}}'s password",
      body: 'Set a temporary password and tell it to {{name}} face to face. At their next login, {{name}} must choose a new password that only they know before going on.',
      submit: 'Reset password',
      done: "{{name}}'s password reset. They must choose a new one at next login.",
    },
  },
);
