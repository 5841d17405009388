import { useEffect, useMemo } from 'react';

/** Enough for a face beside the person at the desk; a camera original would bloat every backup. */
const MAX_SIDE = 800;
const JPEG_QUALITY = 0.85;

const toJpeg = (source: CanvasImageSource, width: number, height: number): Promise<Blob> => {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no image'))),
      'image/jpeg',
      JPEG_QUALITY,
    ),
  );
};

/** The frame the camera shows now, as a JPEG. */
export const snapshot = (video: HTMLVideoElement): Promise<Blob> =>
  toJpeg(video, video.videoWidth, video.videoHeight);

/** A chosen image file, scaled down to a JPEG; throws when the file is not an image. */
export const fileToPhoto = async (file: Blob): Promise<Blob> => {
  const bitmap = await createImageBitmap(file);
  try {
    return await toJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
};

/** An object URL for a blob, released when the blob changes or the component goes. */
export const useObjectUrl = (blob: Blob | undefined): string | undefined => {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
};
