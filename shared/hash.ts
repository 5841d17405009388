import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Synchronous SHA-256, hex. Synchronous on purpose: it runs inside IndexedDB transactions,
 * which commit as soon as they wait on anything else (WebCrypto is async).
 */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** SHA-256 of bytes, hex: how an attachment is named on the hub (content-addressed). */
export const sha256HexOfBytes = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));
