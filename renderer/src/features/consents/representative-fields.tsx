import { Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { relationSchema } from '../../../../shared/consents/consent';
import { idDocumentTypeSchema } from '../../../../shared/identity/id-number';

/** A guardian or relative signing for the patient: name, relation and an ID document, recorded. */
export const RepresentativeFields = () => {
  const { t } = useTranslation();
  const required = [{ required: true, whitespace: true, message: t('consents.signing.required') }];
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('consents.signing.representativeHelp')}
      </Typography.Paragraph>
      <Flex gap={12}>
        <Form.Item
          name="name"
          label={t('consents.signing.name')}
          rules={required}
          style={{ flex: 1 }}
        >
          <Input maxLength={40} autoComplete="off" data-testid="representative-name" />
        </Form.Item>
        <Form.Item
          name="relation"
          label={t('consents.signing.relation')}
          rules={required}
          style={{ flex: 1 }}
        >
          <Select
            data-testid="representative-relation"
            options={relationSchema.options.map((r) => ({
              value: r,
              label: t(`consents.relations.${r}`),
            }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item name="idType" label={t('consents.signing.idType')} style={{ flex: 1 }}>
          <Select
            options={idDocumentTypeSchema.options.map((v) => ({
              value: v,
              label: t(`patients.idTypes.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('consents.signing.idNumber')}
          rules={required}
          style={{ flex: 1 }}
        >
          <Input maxLength={30} autoComplete="off" data-testid="representative-id" />
        </Form.Item>
      </Flex>
    </>
  );
};
