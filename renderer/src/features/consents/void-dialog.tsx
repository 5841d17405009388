import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../../shared/consents/consent';
import { PLAN_TEXT_MAX } from '../../../../shared/consents/planned-item';
import { FormModal } from '../staff/form-modal';

/**
 * Voiding a signed notice (PRODUCT.md §2.5): it stays on file as it was, with who, when and why;
 * its items can then be changed and signed again as the next version.
 */
export const VoidDialog = ({
  open,
  consent,
  onVoid,
  onClose,
  afterClose,
}: {
  open: boolean;
  consent: Consent | undefined;
  onVoid: (reason: string) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={t('consents.void.title', { version: consent?.content.version })}
      form={form}
      fields={['reason']}
      submitText={t('consents.void.confirm')}
      submitTestId="void-confirm"
      danger
      onSubmit={({ reason }) => onVoid(reason.trim())}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>{t('consents.void.body')}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('consents.void.reason')}
        rules={[{ required: true, whitespace: true, message: t('consents.void.required') }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={PLAN_TEXT_MAX}
          showCount
          placeholder={t('consents.void.placeholder')}
          data-testid="void-reason"
        />
      </Form.Item>
    </FormModal>
  );
};
