import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProvinceSelect } from './province-select';

/** Clinic name and 参保地, with the limits of clinicSettingsSchema: the wizard and Settings share them. */
export const ClinicFields = ({ autoFocus = false }: { autoFocus?: boolean }) => {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="name"
        label={t('setup.clinicName')}
        rules={[
          { required: true, whitespace: true, message: t('common.required') },
          { max: 80, message: t('account.nameTooLong', { max: 80 }) },
        ]}
      >
        <Input placeholder={t('setup.clinicNamePlaceholder')} autoFocus={autoFocus} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          name="regionProvince"
          label={t('setup.province')}
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <ProvinceSelect placeholder={t('setup.provincePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="regionCity"
          label={t('setup.city')}
          style={{ flex: 1 }}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 40, message: t('account.nameTooLong', { max: 40 }) },
          ]}
        >
          <Input placeholder={t('setup.cityPlaceholder')} />
        </Form.Item>
      </Flex>
    </>
  );
};
