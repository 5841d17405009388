import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type CameraState = 'starting' | 'on' | 'off';

/** The webcam's live picture, for comparing the face with the stored photo. Stops when closed. */
export const LiveCamera = () => {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
        if (cancelled) return stream.getTracks().forEach((track) => track.stop());
        if (video.current) video.current.srcObject = stream;
        setState('on');
      } catch {
        // No camera, or permission refused: the desk compares with the document instead.
        if (!cancelled) setState('off');
      }
    };
    void start();
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="visit-picture" data-testid="live-camera" data-state={state}>
      <video ref={video} autoPlay muted playsInline hidden={state !== 'on'} />
      {state !== 'on' && (
        <Typography.Text type="secondary">
          {t(
            state === 'starting'
              ? 'visits.panel.person.cameraStarting'
              : 'visits.panel.person.cameraOff',
          )}
        </Typography.Text>
      )}
    </div>
  );
};
