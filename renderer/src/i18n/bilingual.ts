type Texts = { readonly [key: string]: string | Texts };

/** The same keys, any strings: the English side must match the Chinese side key for key. */
export type SameKeys<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]>;
};

/**
 * Product text for one feature, Chinese first. The type makes a missing English string a
 * compile error; a test also checks at run time that no value is empty.
 */
export const bilingual = <T extends Texts>(zh: T, en: SameKeys<T>) =>
  ({ 'zh-CN': zh, en }) as const;
