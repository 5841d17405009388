import { Alert } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';

/** How many changes from a newer ClinicDesk this PC keeps until it is updated. */
export const useKeptForUpdate = (): number => {
  const { db } = useServices();
  return useLiveQuery(() => db.syncIssues.where('kind').equals('newer').count(), [db]) ?? 0;
};

/** Said plainly, with what happens to the records meanwhile (kept, applied after the update). */
export const UpdateNeeded = () => {
  const { t } = useTranslation();
  const count = useKeptForUpdate();
  if (count === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sync-update-needed"
      title={t('sync.update.title')}
      description={t('sync.update.text', { count })}
    />
  );
};
