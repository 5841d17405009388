import { z } from 'zod';
import { provenanceSchema } from '../record';

/** What an attachment is for; the owner (`ownerId`) is the record it belongs to. */
export const attachmentKindSchema = z.enum(['patient-photo']);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/** Images the desk may store: what a webcam snapshot or a phone photo comes as. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A photo larger than this is a camera original that was never scaled down. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * A file kept with a record (a patient's photo for the 人 check, PRODUCT.md §1.4). Append-only:
 * a new photo is a new attachment, so the one a past verification was made against stays.
 */
export const attachmentSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    kind: attachmentKindSchema,
    mime: z.string(),
    blob: z.instanceof(Blob),
  })
  .extend(provenanceSchema.shape);
export type Attachment = z.infer<typeof attachmentSchema>;
