import { normalizeCardNumber } from './flags';

/** Field names under which QR payloads seen in the wild carry the insured person's card number. */
const CARD_KEYS = ['cardNo', 'cardNumber', 'card_no', 'psnCardNo', 'mdtrtCertNo', 'sscNo'];
const PLAIN_CARD = /^[0-9A-Z]{6,32}$/;

const fromJson = (text: string): string | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const found = CARD_KEYS.map((key) => record[key]).find((v) => typeof v === 'string');
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
};

const fromQuery = (text: string): string | undefined => {
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  if (!query.includes('=')) return undefined;
  const params = new URLSearchParams(query);
  return CARD_KEYS.map((key) => params.get(key)).find((v): v is string => !!v);
};

/**
 * The card number in a scanned 医保电子凭证 code, when the code carries one in clear (JSON, a
 * query string, or the bare number, as regional cards and test codes do). The national platform's
 * codes are one-time tokens that only the 医保 platform can resolve: for those this returns
 * undefined, the raw text is kept, and the card cannot be compared offline.
 */
export const readInsuranceQr = (raw: string): { cardNumber?: string } => {
  const text = raw.trim();
  const found = text.startsWith('{') ? fromJson(text) : fromQuery(text);
  if (found) return { cardNumber: normalizeCardNumber(found) };
  const plain = normalizeCardNumber(text);
  return PLAIN_CARD.test(plain) ? { cardNumber: plain } : {};
};
