import { bilingual } from '../../i18n/bilingual';

export const catalogueText = bilingual(
  {
    title: '医保目录',
  },
  {
    title: 'Insurance catalogue',
  },
);
