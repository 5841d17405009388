import { z } from 'zod';
import { sha256HexOfBytes } from '../hash';
import { provenanceSchema } from '../record';

/**
 * What an attachment is for; the owner (`ownerId`) is the record it belongs to: the patient for
 * a photo, the complaint's timeline event for a complaint file (a letter's photo, a scan).
 */
export const attachmentKindSchema = z.enum(['patient-photo', 'complaint-file']);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/** Images the desk may store: what a webcam snapshot or a phone photo comes as. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A photo larger than this is a camera original that was never scaled down. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** A complaint's files: photos of a letter, scans (issue 9 item 3). */
export const COMPLAINT_FILE_TYPES = [...IMAGE_TYPES, 'application/pdf'] as const;
export const MAX_COMPLAINT_FILE_BYTES = 5 * 1024 * 1024;
/** How many files one timeline event may carry. */
export const MAX_COMPLAINT_FILES = 10;

/** Why a file cannot be kept with a complaint, or undefined when it can. */
export const complaintFileProblem = (file: {
  type: string;
  size: number;
}): 'type' | 'size' | 'empty' | undefined => {
  if (!(COMPLAINT_FILE_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > MAX_COMPLAINT_FILE_BYTES) return 'size';
  if (file.size === 0) return 'empty';
  return undefined;
};

/**
 * A file kept with a record (a patient's photo for the 人 check, PRODUCT.md §1.4). Append-only:
 * a new photo is a new attachment, so the one a past verification was made against stays.
 *
 * The bytes (`blob`) stay on the PC; what syncs is the row naming them by content hash. Another
 * PC fetches the bytes from the hub by that hash in the background: until they arrive its row
 * has no `blob`. Rows written before hashes existed have no `blobHash` until they are pushed.
 */
export const attachmentSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    kind: attachmentKindSchema,
    mime: z.string(),
    blob: z.instanceof(Blob).optional(),
    /** SHA-256 of the bytes, hex: their name on the hub. */
    blobHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** The bytes' length. */
    size: z.number().int().min(0).optional(),
    /** The file's name as it was picked (complaint files: shown on the timeline, used to save it). */
    name: z.string().min(1).max(255).optional(),
  })
  .extend(provenanceSchema.shape);
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * What an attachment row says of its bytes: their hash (their name on the hub) and length. Read
 * before any IndexedDB transaction: reading a Blob is not IndexedDB work and would end it.
 */
export const blobFacts = async (blob: Blob): Promise<{ blobHash: string; size: number }> => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { blobHash: sha256HexOfBytes(bytes), size: bytes.length };
};
