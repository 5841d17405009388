import { Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { readPatientPhoto } from '../../db/patients';

/** The photo taken at registration, shown large for the 人 check (PRODUCT §1.4). */
export const StoredPhoto = ({ photoId }: { photoId: string }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  const blob = useLiveQuery(
    async () => (await readPatientPhoto(db, actor, photoId)) ?? null,
    [db, actor, photoId],
  );
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  if (blob === null)
    return (
      <div className="visit-picture">
        <Typography.Text type="warning">{t('visits.panel.person.photoMissing')}</Typography.Text>
      </div>
    );
  return (
    <div className="visit-picture" data-testid="stored-photo">
      {url && <img src={url} alt={t('visits.panel.person.storedPhoto')} />}
    </div>
  );
};
