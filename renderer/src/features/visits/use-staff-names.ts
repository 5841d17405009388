import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';

/**
 * Names of everyone who ever worked here (accounts are never deleted), to show who checked whom.
 * Ids from generated demo history have no account and read as "unknown person".
 */
export const useStaffNames = () => {
  const { t } = useTranslation();
  const { db } = useServices();
  const staff = useLiveQuery(() => db.staff.toArray(), [db]);
  const names = new Map((staff ?? []).map((s) => [s.id, s.displayName]));
  return (id: string | undefined) => (id && names.get(id)) || t('visits.timeline.unknownStaff');
};
