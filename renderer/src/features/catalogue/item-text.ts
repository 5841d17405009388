import { bilingual } from '../../i18n/bilingual';

/**
 * Adding or changing one catalogue item (namespace `catalogueItem`): the dialog, its checks, and
 * what the new version will be.
 */
export const catalogueItemText = bilingual(
  {
    add: '新增项目',
    edit: '修改',
    editLabel: '修改 {{name}}',
    actions: '操作',
    addTitle: '新增目录项目',
    editTitle: '修改目录项目：{{code}}',
    submit: '保存为新版本',
    fields: {
      code: '编码',
      name: '名称',
      category: '类别',
      unit: '单位',
      price: '单价（元）',
      coverage: '医保类别',
      selfPayRatio: '自付比例',
      restriction: '限定支付（可不填）',
      effectiveFrom: '新版本生效日期',
    },
    coverage: { 'class-a': '甲类', 'class-b': '乙类', 'self-pay': '自费' },
    hints: {
      codeEdit: '编码是医保部门和诊疗计划识别项目的依据，不能修改。要用新编码，请新增项目。',
      coverage: '甲类自付 0%，自费 100%，乙类按下面填写的自付比例。',
      effectiveFrom: '从这一天起的就诊使用新版本。',
    },
    required: {
      code: '请填写编码，如 C1309ZZ001。',
      name: '请填写名称。',
      category: '请选择类别。',
      unit: '请填写单位，如 盒、次、颗。',
      price: '请填写单价（元），如 12.50；免费项目填 0。',
      coverage: '请选择医保类别。',
      selfPayRatio: '乙类项目必须填写自付比例，如 10 表示 10%。',
      effectiveFrom: '请选择生效日期。',
    },
    tooLong: '最多 {{max}} 个字，现在是 {{length}} 个。',
    effect: {
      title: '保存后的效果',
      add: '新建一个目录版本，{{date}} 起生效：当前查看版本的全部 {{count}} 项，再加上这一项，共 {{total}} 项。',
      edit: '新建一个目录版本，{{date}} 起生效：当前查看版本的全部 {{count}} 项，只有这一项按下面修改。',
      kept: '原有版本不变：{{date}} 之前的就诊和已生成的计划、告知书仍按原来的价格和医保类别。',
      changes: '这一项将修改：',
      change: '{{field}}：{{from}} → {{to}}',
      none: '还没有改动。',
      later:
        '注意：{{date}} 起将换用另一个版本（{{file}}），其中没有这项改动。如需保留，请届时在那个版本上再改一次。',
    },
    done: {
      add: '已新增 {{code}} {{name}}，新版本 {{date}} 起生效',
      edit: '已修改 {{code}} {{name}}，新版本 {{date}} 起生效',
    },
    version: {
      add: '新增：{{code}} {{name}}',
      edit: '修改：{{code}} {{name}}',
    },
  },
  {
    add: 'Add item',
    edit: 'Edit',
    editLabel: 'Edit {{name}}',
    actions: 'Actions',
    addTitle: 'Add a catalogue item',
    editTitle: 'Edit catalogue item {{code}}',
    submit: 'Save as a new version',
    fields: {
      code: 'Code',
      name: 'Name',
      category: 'Category',
      unit: 'Unit',
      price: 'Price (yuan)',
      coverage: 'Coverage',
      selfPayRatio: 'Self-pay ratio',
      restriction: 'Restricted use (optional)',
      effectiveFrom: 'New version in force from',
    },
    coverage: { 'class-a': 'Class A', 'class-b': 'Class B', 'self-pay': 'Self-pay' },
    hints: {
      codeEdit:
        'The code is how the insurance bureau and every plan know the item, so it cannot change. For a new code, add an item.',
      coverage:
        'Class A: the patient pays 0%; self-pay: 100%; class B: the self-pay ratio given below.',
      effectiveFrom: 'Visits from this day on use the new version.',
    },
    required: {
      code: 'Enter the code, e.g. C1309ZZ001.',
      name: 'Enter the name.',
      category: 'Choose a category.',
      unit: 'Enter the unit, e.g. box, session, piece.',
      price: 'Enter the price in yuan, e.g. 12.50; 0 for a free item.',
      coverage: 'Choose the coverage class.',
      selfPayRatio: 'A class B item needs a self-pay ratio, e.g. 10 for 10%.',
      effectiveFrom: 'Choose the effective date.',
    },
    tooLong: 'At most {{max}} characters; this has {{length}}.',
    effect: {
      title: 'What saving does',
      add: 'Makes a new catalogue version, in force from {{date}}: all {{count}} items of the version you are viewing, plus this one, {{total}} in all.',
      add_one:
        'Makes a new catalogue version, in force from {{date}}: the {{count}} item of the version you are viewing, plus this one, {{total}} in all.',
      edit: 'Makes a new catalogue version, in force from {{date}}: all {{count}} items of the version you are viewing, with only this one changed as below.',
      edit_one:
        'Makes a new catalogue version, in force from {{date}}: the {{count}} item of the version you are viewing, changed as below.',
      kept: 'Existing versions stay as they are: visits before {{date}}, and plans and notices already made, keep their terms.',
      changes: 'This item changes:',
      change: '{{field}}: {{from}} → {{to}}',
      none: 'Nothing changed yet.',
      later:
        'Note: from {{date}} another version ({{file}}) takes over, and it does not have this change. To keep it, make the change in that version too when the time comes.',
    },
    done: {
      add: '{{code}} {{name}} added; the new version is in force from {{date}}',
      edit: '{{code}} {{name}} changed; the new version is in force from {{date}}',
    },
    version: {
      add: 'Added: {{code}} {{name}}',
      edit: 'Changed: {{code}} {{name}}',
    },
  },
);
