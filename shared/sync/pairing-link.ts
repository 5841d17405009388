/**
 * What a pairing QR code says: `clinicdesk://pair?hub=<url>&code=<code>`. The owner's screen and
 * `clinicdesk hub pair-code` show it; a new PC reads it when a scanner types it into the join
 * form (a scanner is a keyboard), and fills in the address and the code from it.
 */
export type PairingLink = {
  /** The hub's address as other PCs reach it; absent when the one showing the code has none. */
  hub?: string;
  code: string;
};

const PREFIX = 'clinicdesk://pair?';
/** An http(s) origin: the join form takes nothing else as the hub's address. */
const HUB_PATTERN = /^https?:\/\/[^\s/?#]+(:\d{1,5})?\/?$/i;
/** 8 letters and digits, perhaps with a dash or a space in the middle, as the form takes them. */
const CODE_PATTERN = /^[A-Za-z0-9]{4}[ -]?[A-Za-z0-9]{4}$/;

export const pairingLink = ({ hub, code }: PairingLink): string =>
  `${PREFIX}${hub ? `hub=${encodeURIComponent(hub)}&` : ''}code=${encodeURIComponent(code)}`;

/** The address and code in a scanned pairing link; null for anything else (or a partial scan). */
export const parsePairingLink = (text: string): PairingLink | null => {
  const trimmed = text.trim();
  if (trimmed.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return null;
  const params = new URLSearchParams(trimmed.slice(PREFIX.length));
  const code = params.get('code')?.trim() ?? '';
  const hub = params.get('hub')?.trim();
  if (!CODE_PATTERN.test(code)) return null;
  if (hub !== undefined && !HUB_PATTERN.test(hub)) return null;
  return hub === undefined ? { code } : { hub: hub.replace(/\/+$/, ''), code };
};

/** True for this PC's own address (127.x, localhost, ::1): useless to any other PC. */
export const isLoopbackHub = (url: string): boolean => {
  try {
    const { hostname } = new URL(url);
    return (
      hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
    );
  } catch {
    return false;
  }
};
