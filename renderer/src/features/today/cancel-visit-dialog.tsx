import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../../shared/visits/visit';
import { FormModal } from '../staff/form-modal';

/**
 * Undoing a check-in made for the wrong patient: the visit stays on record, marked cancelled with
 * who and why. The repository refuses once anything rests on it, and the dialog says what.
 */
export const CancelVisitDialog = ({
  open,
  patientName,
  onCancelVisit,
  onClose,
  afterClose,
}: {
  open: boolean;
  patientName: string | undefined;
  onCancelVisit: (reason: string) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={t('today.cancelVisit.title', { name: patientName ?? '' })}
      form={form}
      fields={['reason']}
      submitText={t('today.cancelVisit.confirm')}
      submitTestId="cancel-visit-confirm"
      danger
      onSubmit={({ reason }) => onCancelVisit(reason)}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>{t('today.cancelVisit.body')}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('today.cancelVisit.reason')}
        rules={[{ required: true, whitespace: true, message: t('errors.cancel-visit-reason') }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={REASON_MAX}
          placeholder={t('today.cancelVisit.placeholder')}
          data-testid="cancel-visit-reason"
        />
      </Form.Item>
    </FormModal>
  );
};
