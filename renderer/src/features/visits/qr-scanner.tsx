import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';
import { Alert, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type QrScannerProps = {
  open: boolean;
  /** The decoded text, exactly as read. */
  onDecoded: (text: string) => void;
  onClose: () => void;
  /** When the dialog has gone and the focus may move on. */
  afterClose?: () => void;
};

/** Reads the patient's 医保电子凭证 QR code from the webcam; closes on the first code read. */
export const QrScanner = ({ open, onDecoded, onClose, afterClose }: QrScannerProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('visits.qr.title')}
      onCancel={onClose}
      afterClose={afterClose}
      footer={null}
      destroyOnHidden
      width={520}
    >
      {open && <ScannerView onDecoded={onDecoded} />}
    </Modal>
  );
};

const ScannerView = ({ onDecoded }: { onDecoded: (text: string) => void }) => {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'on' | 'off'>('starting');
  const decoded = useRef(onDecoded);
  useEffect(() => {
    decoded.current = onDecoded;
  }, [onDecoded]);

  useEffect(() => {
    let controls: IScannerControls | undefined;
    let done = false;
    const reader = new BrowserQRCodeReader();
    const start = async () => {
      try {
        controls = await reader.decodeFromConstraints(
          { video: { facingMode: 'environment' }, audio: false },
          video.current ?? undefined,
          (result) => {
            if (!result || done) return;
            done = true;
            controls?.stop();
            decoded.current(result.getText());
          },
        );
        if (done) controls.stop();
        else setState('on');
      } catch {
        if (!done) setState('off');
      }
    };
    void start();
    return () => {
      done = true;
      controls?.stop();
    };
  }, []);

  return (
    <>
      <Typography.Paragraph>{t('visits.qr.hint')}</Typography.Paragraph>
      <div className="visit-picture" style={{ aspectRatio: '4 / 3' }} data-testid="qr-scanner">
        <video ref={video} muted playsInline hidden={state === 'off'} />
        {state === 'starting' && (
          <Typography.Text type="secondary">{t('visits.qr.starting')}</Typography.Text>
        )}
      </div>
      {state === 'off' && (
        <Alert type="warning" showIcon title={t('visits.qr.noCamera')} style={{ marginTop: 12 }} />
      )}
    </>
  );
};
