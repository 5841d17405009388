import type { TFunction } from 'i18next';
import {
  parseIdNumber,
  type IdDocumentType,
  type IdNumberProblem,
} from '../../../../shared/identity/id-number';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';

/** What the sentence for a problem needs to know about the form as it stands. */
export type ProblemContext = {
  idType: IdDocumentType | undefined;
  idNumber: string;
  today: CalendarDate;
};

/** Problems whose sentence also states the document's rule ("18 characters…"). */
const WITH_RULE = new Set<IdNumberProblem>(['length', 'characters', 'prefix', 'format']);

/**
 * A form problem code (see PatientProblem) as a sentence that names what is wrong. A message
 * that is not a code is already a sentence (a refusal from the repository) and is shown as is.
 */
export const problemText = (t: TFunction, message: string, context: ProblemContext): string => {
  if (message.startsWith('id-')) {
    const reason = message.slice(3) as Exclude<IdNumberProblem, 'empty'>;
    const sentence = t(`patients.idProblems.${reason}`);
    return WITH_RULE.has(reason) && context.idType
      ? `${sentence}${t(`patients.idRules.${context.idType}`)}`
      : sentence;
  }
  if (message === 'sex-mismatch' || message === 'birth-date-mismatch') {
    const parsed = context.idType
      ? parseIdNumber(context.idType, context.idNumber, { today: context.today })
      : undefined;
    if (!parsed?.ok) return t('errors.identity-mismatch');
    return t(`patients.problems.${message}`, {
      sex: parsed.sex ? t(`patients.sex.${parsed.sex}`) : '',
      date: parsed.birthDate ?? '',
    });
  }
  return t(`patients.problems.${message}`, { defaultValue: message });
};
