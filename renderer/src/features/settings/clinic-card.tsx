import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import { provinces } from '../../../../shared/regions';
import type { ClinicSettings } from '../../../../shared/settings/settings';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { readSetting, saveSetting } from '../../db/settings';
import { actorOf } from '../../db/staff';
import { useLanguage } from '../../i18n/use-language';
import { useSave } from './use-save';

export const ClinicCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const { language } = useLanguage();
  const clinic = useLiveQuery(() => readSetting(services.db, 'clinic'), [services.db]);
  const { busy, run } = useSave();
  const editable = can(staff.role, 'settings.clinic');
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
        <Form.Item
          name="name"
          label={t('setup.clinicName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 80, message: t('account.nameTooLong', { max: 80 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="regionProvince"
          label={t('setup.province')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={provinces.map((p) => ({
              value: p.code,
              label: language === 'en' ? p.en : p.zh,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="regionCity"
          label={t('setup.city')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 40, message: t('account.nameTooLong', { max: 40 }) },
          ]}
        >
          <Input />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
};
