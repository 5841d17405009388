import type { TFunction } from 'i18next';
import type { ImportError } from '../../../../shared/catalogue/catalogue-import';

/** "第 5 行，第 5 列（单价）：“12.345”有三位或更多小数，价格只能精确到分。" */
export const problemSentence = (t: TFunction, error: ImportError): string => {
  const problem = t(`catalogue.problems.${error.problem}`, {
    value: error.value ? t('catalogue.error.value', { value: error.value }) : '',
    firstLine: error.firstLine,
    field: error.field ? t(`catalogue.fields.${error.field}`) : '',
  });
  return error.column !== undefined
    ? t('catalogue.error.at', {
        line: error.line,
        column: error.column,
        header: error.header ?? '',
        problem,
      })
    : t('catalogue.error.atLine', { line: error.line, problem });
};
