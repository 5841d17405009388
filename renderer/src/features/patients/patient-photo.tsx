import { UserOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { readPatientPhotoState } from '../../db/patients';
import { useObjectUrl } from './photo-image';

/**
 * A portrait-shaped frame (3:4, like an ID photo); empty, it says there is no photo, or that its
 * bytes are still coming from the hub (`arriving`: the row synced, the file follows).
 */
export const PhotoFrame = ({
  large = false,
  arriving = false,
  children,
}: {
  large?: boolean;
  arriving?: boolean;
  children?: ReactNode;
}) => {
  const { t } = useTranslation();
  return (
    <div className={large ? 'patient-photo patient-photo-large' : 'patient-photo'}>
      {children ?? (
        <div className="patient-photo-none" data-testid={arriving ? 'photo-arriving' : undefined}>
          <UserOutlined />
          <Typography.Text type="secondary">
            {t(arriving ? 'patients.photo.arriving' : 'patients.photo.none')}
          </Typography.Text>
        </div>
      )}
    </div>
  );
};

/** The stored photo, large: the 人 check compares it with the person at the desk. */
export const PatientPhoto = ({ photoId, name }: { photoId: string | undefined; name: string }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  // One read of the photo's row: its bytes, or whether they are still on their way.
  const photo = useLiveQuery(
    async () => (photoId ? readPatientPhotoState(db, actor, photoId) : undefined),
    [db, actor, photoId],
  );
  const url = useObjectUrl(photo?.blob);
  return (
    <PhotoFrame large arriving={photo?.arriving === true}>
      {url && <img src={url} alt={t('patients.photo.alt', { name })} data-testid="patient-photo" />}
    </PhotoFrame>
  );
};
