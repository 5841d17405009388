import { Alert, Button, Card, Form } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { ClinicSettings } from '../../../../shared/settings/settings';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { readSetting, saveSetting } from '../../db/settings';
import { actorOf } from '../../db/staff';
import { ClinicFields } from '../../ui/clinic-fields';
import { useSave } from './use-save';

export const ClinicCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const clinic = useLiveQuery(() => readSetting(services.db, 'clinic'), [services.db]);
  const { busy, run } = useSave();
  const editable = can(staff.roles, 'settings.clinic');
  if (!clinic) return null;
  return (
    <Card title={t('settings.clinicSection')}>
      {!editable && (
        <Alert type="info" title={t('settings.clinicReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<ClinicSettings>
        name="clinic"
        layout="vertical"
        initialValues={clinic}
        disabled={!editable}
        requiredMark={false}
        onFinish={(values) => run(() => saveSetting(services, actorOf(staff), 'clinic', values))}
      >
        <ClinicFields />
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
};
