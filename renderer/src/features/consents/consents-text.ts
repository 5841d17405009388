import { bilingual } from '../../i18n/bilingual';

/** The clinician's plan, signing, voiding and the perform/bill buttons. */
export const consentsText = bilingual(
  {
    title: '自费知情同意',
  },
  {
    title: 'Self-pay consents',
  },
);
