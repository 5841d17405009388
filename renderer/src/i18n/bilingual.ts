type Texts = { readonly [key: string]: string | Texts };

/**
 * The same keys, any strings: the English side must match the Chinese side key for key. English
 * may add a singular beside a text with a count (`found_one: '1 patient found'`): i18next picks it
 * for a count of 1, where Chinese has one form for every number.
 */
export type SameKeys<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]>;
} & {
  readonly [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string;
};

/**
 * Product text for one feature, Chinese first. The type makes a missing English string a
 * compile error; a test also checks at run time that no value is empty.
 */
export const bilingual = <T extends Texts>(zh: T, en: SameKeys<T>) =>
  ({ 'zh-CN': zh, en }) as const;
