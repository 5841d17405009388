import { savePatientPhoto } from '../db/patients';
import type { StoreContext } from '../db/write';
import { ownerActor } from './owner-actor';

/**
 * A drawn portrait saved as a patient's photo through the real write path (what the webcam dialog
 * does once it has its picture), for tests where no camera is at hand (tests/e2e/sync.spec.ts).
 * Returns the photo's id.
 */
export const saveDemoPhoto = async (ctx: StoreContext, patientId: string): Promise<string> => {
  const canvas = document.createElement('canvas');
  canvas.width = 300;
  canvas.height = 400;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#dcfce7';
  g.fillRect(0, 0, 300, 400);
  g.fillStyle = '#64748b';
  g.beginPath();
  g.arc(150, 150, 70, 0, Math.PI * 2);
  g.fill();
  g.fillRect(60, 250, 180, 150);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no JPEG'))), 'image/jpeg', 0.85),
  );
  const patient = await savePatientPhoto(ctx, await ownerActor(ctx), patientId, blob);
  return patient.photoId!;
};
