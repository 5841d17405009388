import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { savePatientPhoto } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { errorMessage } from '../../ui/error-message';
import { PhotoCapture } from './photo-capture';

/** A photo taken later: for a patient registered without one, or who looks different now. */
export const PhotoDialogButton = ({ patient }: { patient: Patient }) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [photo, setPhoto] = useState<Blob>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setPhoto(undefined);
  };

  const save = async () => {
    if (!photo) return;
    setBusy(true);
    try {
      await savePatientPhoto(services, actorOf(me), patient.id, photo);
      void message.success(t('patients.photo.saved'));
      close();
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<CameraOutlined />} onClick={() => setOpen(true)} data-testid="photo-change">
        {t('patients.photo.change')}
      </Button>
      <Modal
        open={open}
        title={t('patients.photo.dialogTitle', { name: patient.name })}
        onCancel={close}
        destroyOnHidden
        mask={{ closable: false }}
        width={360}
        okText={t('patients.photo.save')}
        okButtonProps={{ disabled: !photo, loading: busy, id: 'photo-save' }}
        onOk={save}
      >
        <PhotoCapture value={photo} onChange={setPhoto} />
      </Modal>
    </>
  );
};
