import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoFrame } from './patient-photo';
import { fileToPhoto, snapshot, useObjectUrl } from './photo-image';

type CameraProblem = 'cameraFailed' | 'cameraDenied' | 'fileFailed';

/**
 * A photo for the 人 check (PRODUCT.md §1.4): a webcam snapshot, or an image file when the desk
 * has no camera. The camera is switched off as soon as the picture is taken or the form goes.
 */
export const PhotoCapture = ({
  value,
  onChange,
}: {
  value: Blob | undefined;
  onChange: (photo: Blob | undefined) => void;
}) => {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [stream, setStream] = useState<MediaStream>();
  const [problem, setProblem] = useState<CameraProblem>();
  const preview = useObjectUrl(value);

  useEffect(() => {
    if (!stream || !video.current) return;
    video.current.srcObject = stream;
    void video.current.play();
    return () => stream.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const openCamera = async () => {
    setProblem(undefined);
    try {
      setStream(
        await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 640 }, height: { ideal: 480 } },
          audio: false,
        }),
      );
    } catch (error) {
      setProblem(
        error instanceof DOMException && error.name === 'NotAllowedError'
          ? 'cameraDenied'
          : 'cameraFailed',
      );
    }
  };

  const take = async () => {
    if (!video.current) return;
    onChange(await snapshot(video.current));
    setStream(undefined);
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setProblem(undefined);
    try {
      onChange(await fileToPhoto(chosen));
      setStream(undefined);
    } catch {
      setProblem('fileFailed');
    }
  };

  return (
    <Flex vertical gap="small" data-testid="photo-capture">
      <Typography.Text>{t('patients.fields.photo')}</Typography.Text>
      {stream ? (
        <PhotoFrame>
          <video ref={video} muted playsInline className="patient-photo-video" />
        </PhotoFrame>
      ) : (
        <PhotoFrame>
          {preview && (
            <img src={preview} alt={t('patients.photo.preview')} data-testid="photo-preview" />
          )}
        </PhotoFrame>
      )}
      <Typography.Text type="secondary">{t('patients.photo.hint')}</Typography.Text>
      {stream ? (
        <Flex gap="small" wrap>
          <Button type="primary" icon={<CameraOutlined />} onClick={take} data-testid="photo-take">
            {t('patients.photo.take')}
          </Button>
          <Button onClick={() => setStream(undefined)}>{t('patients.photo.cancelCamera')}</Button>
        </Flex>
      ) : (
        <Flex gap="small" wrap>
          <Button icon={<CameraOutlined />} onClick={openCamera} data-testid="photo-camera">
            {t('patients.photo.camera')}
          </Button>
          <Button icon={<PictureOutlined />} onClick={() => file.current?.click()}>
            {t('patients.photo.file')}
          </Button>
          {value && (
            <Button icon={<DeleteOutlined />} onClick={() => onChange(undefined)}>
              {t('patients.photo.remove')}
            </Button>
          )}
        </Flex>
      )}
      <input
        ref={file}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        hidden
        onChange={choose}
        data-testid="photo-file"
      />
      {problem && <Alert type="warning" showIcon title={t(`patients.photo.${problem}`)} />}
    </Flex>
  );
};
