import type { TFunction } from 'i18next';
import type { Complainant } from '../../../../shared/complaints/complaint';

/** The complainant as a list or a timeline names them: their name, or 匿名. */
export const complainantName = (t: TFunction, complainant: Complainant): string =>
  complainant.kind === 'named' ? complainant.name : t('complaints.anonymous');
