import { UserOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { readPatientPhoto } from '../../db/patients';
import { useObjectUrl } from './photo-image';

/** A portrait-shaped frame (3:4, like an ID photo); empty, it says there is no photo. */
export const PhotoFrame = ({
  large = false,
  children,
}: {
  large?: boolean;
  children?: ReactNode;
}) => {
  const { t } = useTranslation();
  return (
    <div className={large ? 'patient-photo patient-photo-large' : 'patient-photo'}>
      {children ?? (
        <div className="patient-photo-none">
          <UserOutlined />
          <Typography.Text type="secondary">{t('patients.photo.none')}</Typography.Text>
        </div>
      )}
    </div>
  );
};

/** The stored photo, large: the 人 check compares it with the person at the desk. */
export const PatientPhoto = ({ photoId, name }: { photoId: string | undefined; name: string }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const blob = useLiveQuery(
    async () => (photoId ? readPatientPhoto(db, photoId) : undefined),
    [db, photoId],
  );
  const url = useObjectUrl(blob);
  return (
    <PhotoFrame large>
      {url && <img src={url} alt={t('patients.photo.alt', { name })} data-testid="patient-photo" />}
    </PhotoFrame>
  );
};
