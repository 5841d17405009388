import { bilingual } from '../../i18n/bilingual';

/** Data a restore left behind on this PC: t('backups.oldStores.…'). */
export const oldStoresText = bilingual(
  {
    title: '恢复前的旧数据',
    intro:
      '从备份恢复后，恢复前使用的数据会作为后备留在这台电脑上。本机最多保留一份：再次恢复时会删除更早的那份。确认恢复后的数据无误后，可以删除它。',
    replacedAt: '被替换的时间',
    name: '名称',
    unknownDate: '时间不详',
    delete: '删除…',
    deleted: '旧数据已删除。',
    empty: '这台电脑上没有恢复前留下的旧数据。',
    listFailed:
      '无法读取这台电脑上的旧数据列表。请重新打开“备份”页面；如果仍然不行，请联系技术支持。',
  },
  {
    title: 'Data from before a restore',
    intro:
      'After a restore, the data used before it stay on this PC as a fallback. One copy is kept at most: the next restore deletes the older one. Once you have checked the restored data, you can delete it.',
    replacedAt: 'Replaced at',
    name: 'Name',
    unknownDate: 'Time not known',
    delete: 'Delete…',
    deleted: 'The old data were deleted.',
    empty: 'There are no data left from before a restore on this PC.',
    listFailed:
      'The list of old data on this PC could not be read. Open the Backups screen again; if that does not help, contact support.',
  },
);
