import { bilingual } from '../../i18n/bilingual';

/** The notice document's screen chrome, printing, and the consents lists. */
export const noticeText = bilingual(
  {
    print: '打印',
  },
  {
    print: 'Print',
  },
);
