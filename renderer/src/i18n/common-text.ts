import { bilingual } from './bilingual';

export const commonText = bilingual(
  {
    appName: 'ClinicDesk 诊所前台',
    save: '保存',
    cancel: '取消',
    confirm: '确认',
    next: '下一步',
    back: '上一步',
    close: '关闭',
    clear: '清除',
    edit: '编辑',
    search: '搜索',
    reset: '重置',
    loading: '正在加载…',
    required: '必填',
    yes: '是',
    no: '否',
    all: '全部',
    actions: '操作',
    language: '语言',
    languages: { 'zh-CN': '简体中文', en: 'English' },
    roles: {
      'front-desk': '前台',
      clinician: '医生',
      pharmacist: '药师',
      'insurance-officer': '医保专员',
      owner: '负责人',
    },
    roleSeparator: '、',
    noPermission: {
      title: '无权访问',
      body: '您的角色（{{role}}）不能使用此页面。如需使用，请联系诊所负责人。',
    },
    unexpected: '发生了意外错误，数据未被修改。请重试；如果问题持续，请联系技术支持。',
    discard: {
      title: '放弃已填写的内容？',
      text: '这张表里填写的内容还没有保存，关闭后将丢失。',
      ok: '放弃',
      keep: '继续填写',
    },
  },
  {
    appName: 'ClinicDesk',
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'Confirm',
    next: 'Next',
    back: 'Back',
    close: 'Close',
    clear: 'Clear',
    edit: 'Edit',
    search: 'Search',
    reset: 'Reset',
    loading: 'Loading…',
    required: 'Required',
    yes: 'Yes',
    no: 'No',
    all: 'All',
    actions: 'Actions',
    language: 'Language',
    languages: { 'zh-CN': '简体中文', en: 'English' },
    roles: {
      'front-desk': 'Front desk',
      clinician: 'Clinician',
      pharmacist: 'Pharmacist',
      'insurance-officer': 'Insurance officer',
      owner: 'Owner',
    },
    roleSeparator: ', ',
    noPermission: {
      title: 'Not allowed',
      body: 'Your roles ({{role}}) cannot use this page. Ask the clinic owner if you need it.',
      body_one: 'Your role ({{role}}) cannot use this page. Ask the clinic owner if you need it.',
    },
    unexpected:
      'Something unexpected went wrong; nothing was changed. Please try again, and contact support if it keeps happening.',
    discard: {
      title: 'Discard what you typed?',
      text: 'What is filled in on this form has not been saved and will be lost.',
      ok: 'Discard',
      keep: 'Keep editing',
    },
  },
);

/** Sentences for AppError / PermissionError reasons: what happened and what to do next. */
export const errorText = bilingual(
  {
    'invalid-input': '输入有误，请检查标红的字段。',
    'duplicate-username': '该用户名已被使用，请换一个。',
    'setup-already-done': '诊所已完成初始设置，请直接登录。',
    'not-found': '找不到该记录，它可能已被其他工作站修改。请刷新后重试。',
    'last-owner': '诊所必须至少保留一位在职负责人。请先指定另一位负责人。',
    'weak-password': '密码不符合要求：{{rule}}。',
    'wrong-password': '密码不正确。',
    'password-reused':
      '新密码不能与当前密码（或负责人给您的临时密码）相同，请换一个只有您知道的密码。',
    'password-throttled': '密码输错次数过多，请在 {{seconds}} 秒后再试。',
    'wrong-recovery-code':
      '恢复码不正确。请对照纸上抄下或打印的恢复码再输入一次；用过的恢复码和被新码替换的旧码都已失效。',
    'recovery-throttled': '恢复码输错次数过多，请在 {{seconds}} 秒后再试。',
    'inactive-account': '该账号已停用，请联系诊所负责人。',
    'check-reason-required': '请填写原因：核验未通过或放行时必须说明原因。',
    'cannot-verify':
      '证、卡、人尚未全部核对一致，不能记为“核验通过”。请选择“核验未通过”或请医保专员放行。',
    'override-credentials': '医保专员或负责人的用户名或密码不正确，请本人重新输入。',
    'override-throttled': '输入错误次数过多，请稍等几分钟后再由本人输入。',
    'override-role': '只有在职的医保专员或诊所负责人可以放行。请请他们本人输入自己的账号。',
    'already-reviewed': '这条核验记录已经复核过了。',
    'possible-duplicate':
      '该患者可能已经登记过：另有患者的证件号码、医保卡号或姓名加出生日期与此相同。请先核对是否同一人。',
    'reason-required': '修改姓名、证件类型或证件号码必须填写原因。',
    'id-number-invalid': '证件号码不正确，请对照证件逐位核对。',
    'identity-mismatch': '性别或出生日期与证件号码不符，请对照证件核对。',
    'photo-invalid': '照片必须是 JPG、PNG 或 WebP 图片，且不超过 2 MB。',
    'plan-incomplete':
      '乙类或自费项目必须填写使用原因，并选择已告知的替代方案（或明确选择“无可替代方案”）。',
    'item-locked':
      '“{{item}}”已有患者签字的知情同意书，不能再修改。如需更正，请先作废该告知书，再生成新版本。',
    'item-not-planned': '“{{item}}”已执行、已收费或已取消，不能再做此操作。',
    'catalogue-missing': '就诊当天没有生效的医保目录，或该项目不在其中。请医保专员先导入目录。',
    'catalogue-code-taken':
      '编码 {{code}} 在这个版本中已经有了（{{name}}）。同一编码只能有一个项目：请换一个编码，或在列表中修改已有的项目。',
    'catalogue-item-unchanged': '没有任何改动，所以没有新建版本。请修改至少一项内容后再保存。',
    'catalogue-date-before-base':
      '生效日期不能早于所依据版本的生效日期（{{date}}）。请选择 {{date}} 或之后的日期。',
    'catalogue-base-replaced':
      '{{date}} 已有更新的目录版本生效，在这个旧版本上修改会丢失新版本的内容。请在 {{date}} 生效的版本上修改，或选择更早的生效日期。',
    'consent-required':
      '“{{item}}”是乙类或自费项目，患者尚未签署自费知情同意书，不能标记为已执行或已收费。请先生成告知书，由患者签字后再操作。',
    'consent-refused':
      '患者已拒绝“{{item}}”，不能标记为已执行或已收费。如患者改变主意，请重新生成告知书并签字。',
    'consent-tampered':
      '“{{item}}”的告知书未通过防篡改校验（存储的内容与签字时不一致），不能标记为已执行或已收费。请医保专员打开该告知书核查；如需继续，作废后重新签字。',
    'consent-quantity':
      '“{{item}}”的数量超过了患者签字同意的数量。请作废原告知书，按新数量重新签字。',
    'nothing-to-consent': '这次就诊没有等待签字的乙类或自费项目。',
    'notice-changed':
      '诊疗计划在签字期间被修改了（可能在另一台工作站）。请关闭后重新生成告知书，再请患者签字。',
    'signature-empty': '请签名：签名框是空的。',
    'signature-too-short': '签名太短：请在签名框内写下完整的姓名。',
    'representative-id-invalid': '代签人的证件号码不正确，请对照证件逐位核对。',
    'already-voided': '这份告知书已经作废了。',
    'void-reason-required': '作废告知书必须写明原因（最多 500 字）。',
    'cancel-visit-reason': '取消登记必须写明原因，例如“选错了患者”。',
    'cancel-visit-done': '这次登记已经取消过了。',
    'cancel-visit-verified':
      '这次就诊已有证、卡、人核验结果，不能取消登记。如果选错了患者，请在核验记录中说明，并由医保专员在每日复核中处理。',
    'cancel-visit-consent': '这次就诊已有患者签署的自费告知书（同意或拒绝），不能取消登记。',
    'cancel-visit-performed': '这次就诊已有项目标记为已执行，不能取消登记。',
    'cancel-visit-billed': '这次就诊已有项目标记为已收费，不能取消登记。',
    'duplicate-reason-required': '请写明核对理由：为什么确定不是同一人。理由会记入审计日志。',
    'same-id-number':
      '该居民身份证号码已登记在另一位患者名下，同一证件号码就是同一个人。请打开已有档案；确需另建，须由医保专员或负责人本人输入账号密码批准。',
    'username-not-shared':
      '用户名是登录名，平时不能修改。只有两个账号同名（两台电脑同步前各建了一个）时，才能为其中一个改名。',
    'merge-reason-required': '合并档案必须写明理由，例如“同一人登记了两次，已核对身份证”。',
    'merge-same-patient': '不能把一份档案合并到它自己。',
    'merge-not-duplicate':
      '这两份档案的证件号码、医保卡号、姓名和出生日期都不相同，不能合并。请先核对并修改档案。',
    'patient-merged': '这份档案已合并到{{name}}的档案，请在那份档案上操作。',
    'backup-rotation-minimum':
      '保留份数太少：每日备份至少保留 {{daily}} 份，每周至少 {{weekly}} 份，每月至少 {{monthly}} 份。',
    'visit-cancelled': '这次登记已经取消，不能再核验、添加项目或签署告知书。请为患者重新登记就诊。',
    'complaint-received-future': '接收时间不能晚于现在。请填写实际收到投诉的时间（默认为现在）。',
    'complaint-closed':
      '这件投诉已经结案，不能再添加记录。如需继续处理，请先“重新打开”并写明原因。',
    'complaint-step-early':
      '现在还不能做这一步：须先联系投诉人，才能记为“已解决”；须先解决，才能结案。',
    'complaint-contact-time': '联系时间必须在收到投诉之后、且不晚于现在。',
    'complaint-assignee': '请选择一位在职员工作为负责人。',
    'complaint-close-incomplete': '结案必须填写原因分析和整改措施。',
    'complaint-reopen-reason': '重新打开投诉必须写明原因。',
    'complaint-escalate-note': '上报管理小组必须写明说明，例如为什么上报、需要小组决定什么。',
    'consultation-question-required': '请填写咨询的问题，例如“门诊慢特病怎么报销？”。',
    'consultation-at-future': '咨询时间不能晚于现在。请填写实际咨询的时间（默认为现在）。',
    'consultation-already-complaint':
      '这条咨询已经转为投诉，不能重复转。请打开已登记的投诉继续处理。',
    'complaint-file-invalid':
      '“{{name}}”不能附加：只能附加图片（JPEG、PNG、WebP）或 PDF 文件，每个不超过 5 MB。没有保存任何内容。',
    'complaint-file-too-many': '一条处理记录最多附加 {{max}} 个文件。',
    'record-disposed': '该记录已按保存期限销毁，无法修改。',
    forbidden: '您的角色无权执行此操作。',
  },
  {
    'invalid-input': 'Some input is not valid; check the fields marked in red.',
    'duplicate-username': 'This username is taken; choose another.',
    'setup-already-done': 'This clinic is already set up; please log in.',
    'not-found':
      'That record was not found; another workstation may have changed it. Refresh and try again.',
    'last-owner': 'The clinic must keep at least one active owner. Make someone else owner first.',
    'weak-password': 'This password is not allowed: {{rule}}.',
    'wrong-password': 'Wrong password.',
    'password-reused':
      'The new password must differ from the current one (or the temporary one the owner gave you). Choose one only you know.',
    'password-throttled': 'Too many wrong passwords. Try again in {{seconds}} seconds.',
    'wrong-recovery-code':
      'Wrong recovery code. Check it against the copy you wrote down or printed and type it again; a code already used, or replaced by a newer one, no longer works.',
    'recovery-throttled': 'Too many wrong recovery codes. Try again in {{seconds}} seconds.',
    'inactive-account': 'This account is deactivated; ask the clinic owner.',
    'check-reason-required': 'Give a reason: a failed or overridden check must say why.',
    'cannot-verify':
      'ID, card and person do not all check out, so this cannot be recorded as verified. Choose "Not verified" or ask the insurance officer to override.',
    'override-credentials':
      "The insurance officer's or owner's username or password is wrong. Ask them to type it again themselves.",
    'override-throttled': 'Too many wrong attempts. Wait a few minutes, then let them try again.',
    'override-role':
      'Only an active insurance officer or the clinic owner can override. Ask one of them to enter their own login.',
    'already-reviewed': 'This check has already been reviewed.',
    'possible-duplicate':
      'This patient may already be registered: another patient has the same ID number, insurance card number, or name and date of birth. Check whether it is the same person first.',
    'reason-required': 'A change of name, ID type or ID number needs a reason.',
    'id-number-invalid':
      'The ID number is not valid; check it against the document, character by character.',
    'identity-mismatch':
      'Sex or date of birth contradicts the ID number; check them against the document.',
    'photo-invalid': 'The photo must be a JPG, PNG or WebP image of at most 2 MB.',
    'plan-incomplete':
      'A class B or self-pay item needs a reason, and the alternatives offered (or an explicit "No alternative").',
    'item-locked':
      '"{{item}}" is covered by a signed consent and can no longer be changed. To correct it, void that notice first and create a new version.',
    'item-not-planned': '"{{item}}" is already performed, billed or cancelled.',
    'catalogue-missing':
      'No catalogue is in force on the visit date, or the item is not in it. Ask the insurance officer to import the catalogue.',
    'catalogue-code-taken':
      'Code {{code}} is already in this version ({{name}}). A code has one item: choose another code, or edit the existing item in the list.',
    'catalogue-item-unchanged':
      'Nothing was changed, so no new version was made. Change at least one value, then save.',
    'catalogue-date-before-base':
      'The effective date cannot be before that of the version it is based on ({{date}}). Choose {{date}} or later.',
    'catalogue-base-replaced':
      'A newer catalogue version is in force on {{date}}; changing this older one would lose what the newer one holds. Change the version in force on {{date}}, or choose an earlier date.',
    'consent-required':
      '"{{item}}" is a class B or self-pay item and the patient has not signed a self-pay consent, so it cannot be marked performed or billed. Create the notice and have the patient sign it first.',
    'consent-refused':
      'The patient refused "{{item}}", so it cannot be marked performed or billed. If the patient changes their mind, create a new notice and have it signed.',
    'consent-tampered':
      'The notice for "{{item}}" fails its tamper check (what is stored differs from what was signed), so it cannot be marked performed or billed. Ask the insurance officer to open and examine the notice; to go on, void it and have a new one signed.',
    'consent-quantity':
      'The quantity of "{{item}}" is more than the patient signed for. Void the notice and have the new quantity signed.',
    'nothing-to-consent': 'This visit has no class B or self-pay items waiting for a signature.',
    'notice-changed':
      'The plan changed while the notice was being signed (perhaps on another workstation). Close it, create the notice again, and ask the patient to sign again.',
    'signature-empty': 'Please sign: the signature box is empty.',
    'signature-too-short': 'The signature is too short: write the full name in the box.',
    'representative-id-invalid':
      "The representative's ID number is not valid; check it against the document, character by character.",
    'already-voided': 'This notice has already been voided.',
    'void-reason-required': 'Voiding a notice needs a reason (at most 500 characters).',
    'cancel-visit-reason':
      'Cancelling a check-in needs a reason, such as "picked the wrong patient".',
    'cancel-visit-done': 'This check-in has already been cancelled.',
    'cancel-visit-verified':
      'This visit already has an identity check outcome, so the check-in cannot be cancelled. If the wrong patient was picked, say so in the check and let the insurance officer settle it in the daily review.',
    'cancel-visit-consent':
      'The patient has signed a self-pay notice in this visit (agreed or refused), so the check-in cannot be cancelled.',
    'cancel-visit-performed':
      'An item of this visit is marked performed, so the check-in cannot be cancelled.',
    'cancel-visit-billed':
      'An item of this visit is marked billed, so the check-in cannot be cancelled.',
    'duplicate-reason-required':
      'Say why you are sure this is someone else. The reason goes into the audit log.',
    'same-id-number':
      'This resident ID number is registered to another patient, and one number is one person. Open the existing record; a second one needs the insurance officer or owner to approve it with their own login.',
    'username-not-shared':
      'A username is the login and does not change. Only when two accounts share one (made on two PCs before they synced) can one of them be renamed.',
    'merge-reason-required':
      'Give the reason for the merge, e.g. "registered twice; checked the ID card".',
    'merge-same-patient': 'A record cannot be merged into itself.',
    'merge-not-duplicate':
      'These records share no ID number, insurance card number, or name and date of birth, so they cannot be merged. Check and correct the records first.',
    'patient-merged': 'This record was merged into the record of {{name}}: use that record.',
    'backup-rotation-minimum':
      'Too few backups kept: keep at least {{daily}} daily, {{weekly}} weekly and {{monthly}} monthly backups.',
    'visit-cancelled':
      'This check-in was cancelled: it takes no identity check, plan item or notice. Check the patient in again.',
    'complaint-received-future':
      'The time received cannot be later than now. Enter when the complaint actually came in (now by default).',
    'complaint-closed':
      'This complaint is closed; nothing more can be added. To continue, reopen it first and give the reason.',
    'complaint-step-early':
      'This step cannot be taken yet: contact the complainant before marking it resolved, and resolve it before closing.',
    'complaint-contact-time':
      'The contact time must be after the complaint was received and not later than now.',
    'complaint-assignee': 'Choose an active staff member to take it over.',
    'complaint-close-incomplete': 'Closing needs both a cause analysis and a corrective measure.',
    'complaint-reopen-reason': 'Reopening a complaint needs a reason.',
    'complaint-escalate-note':
      'Escalating to the management group needs a note, e.g. why and what the group must decide.',
    'consultation-question-required':
      'Please write the question that was asked, e.g. "How is a chronic-disease visit reimbursed?".',
    'consultation-at-future':
      'The consultation time cannot be later than now. Enter when it actually happened (now by default).',
    'consultation-already-complaint':
      'This consultation has already been turned into a complaint. Open that complaint to continue.',
    'complaint-file-invalid':
      '"{{name}}" cannot be attached: only images (JPEG, PNG, WebP) or PDF files of at most 5 MB each. Nothing was saved.',
    'complaint-file-too-many': 'One step can carry at most {{max}} files.',
    'record-disposed':
      'This record was disposed of at the end of its retention period and cannot be changed.',
    forbidden: 'Your role is not allowed to do this.',
  },
);
