import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { itemWithCode } from '../../db/catalogue-item';
import { priceOf, ratioOf, type ItemField } from './item-form';

const required = (t: TFunction, field: ItemField): Rule => ({
  required: true,
  whitespace: true,
  message: t(`catalogueItem.required.${field}`),
});

const maxLength = (t: TFunction, max: number): Rule => ({
  validator: async (_, value?: string) => {
    const length = value?.trim().length ?? 0;
    if (length > max) throw new Error(t('catalogueItem.tooLong', { max, length }));
  },
});

/** "“12.345”有三位或更多小数，价格只能精确到分。": the import's own sentences, for the same slips. */
const problem = (t: TFunction, key: string, value: string) =>
  t(`catalogue.problems.${key}`, { value: t('catalogue.error.value', { value }) });

/** The checks each box of the item dialog makes while the officer types. */
export const useItemRules = (versionId: string, editing: boolean) => {
  const { t } = useTranslation();
  const { db } = useServices();
  // A code is taken once per version, whatever its case (as an import checks).
  const codeFree: Rule = {
    validator: async (_, value?: string) => {
      if (editing || !value?.trim()) return;
      const taken = await itemWithCode(db, versionId, value);
      if (taken)
        throw new Error(t('errors.catalogue-code-taken', { code: taken.code, name: taken.name }));
    },
  };
  const price: Rule = {
    validator: async (_, value?: string) => {
      if (!value?.trim()) return;
      const parsed = priceOf(value);
      if (!parsed.ok) throw new Error(problem(t, parsed.problem, value));
    },
  };
  const ratio: Rule = {
    validator: async (_, value?: string) => {
      const parsed = ratioOf(value ?? '');
      if (parsed.ok) return;
      throw new Error(
        parsed.problem === 'required'
          ? t('catalogueItem.required.selfPayRatio')
          : problem(t, parsed.problem, value ?? ''),
      );
    },
  };

  return {
    required: (field: ItemField) => required(t, field),
    maxLength: (max: number) => maxLength(t, max),
    codeFree,
    price,
    ratio,
  };
};
