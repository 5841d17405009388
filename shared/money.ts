/** Integer fen (分). Never a float: 0.1 + 0.2 yuan must stay exact. */
export type Fen = number & { readonly __unit: 'fen' };

export const fen = (n: number): Fen => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`fen must be an integer, got ${n}`);
  return n as Fen;
};

const YUAN_PATTERN = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount written by a person or a spreadsheet ("12", "12.5", "12.50")
 * into fen by string arithmetic, so no binary-float rounding can creep in.
 * More than two decimals is an error, not a rounding: a price of 1.005 yuan is a typo.
 */
export const parseYuan = (text: string): Fen | undefined => {
  const match = YUAN_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, minus, whole = '0', decimals = ''] = match;
  const value = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return fen(minus ? -value : value);
};

/** "1234.50" for 123450 fen; the sign stays in front. */
export const formatYuan = (amount: Fen): string => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

export const addFen = (...amounts: Fen[]): Fen =>
  fen(amounts.reduce<number>((sum, a) => sum + a, 0));
