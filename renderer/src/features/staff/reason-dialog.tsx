import { Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FormModal } from './form-modal';

/**
 * A decision that must say why (void a notice, cancel a check-in): a short explanation, one
 * required reason, and a red button. The record keeps who, when and the reason.
 */
export const ReasonDialog = ({
  open,
  title,
  body,
  label,
  requiredMessage,
  placeholder,
  maxLength,
  showCount,
  submitText,
  submitTestId,
  reasonTestId,
  onSubmit,
  onClose,
  afterClose,
}: {
  open: boolean;
  title: ReactNode;
  body: ReactNode;
  label: string;
  requiredMessage: string;
  placeholder: string;
  maxLength: number;
  showCount?: boolean;
  submitText: string;
  submitTestId: string;
  reasonTestId: string;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={title}
      form={form}
      fields={['reason']}
      submitText={submitText}
      submitTestId={submitTestId}
      danger
      onSubmit={({ reason }) => onSubmit(reason)}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>{body}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={label}
        rules={[{ required: true, whitespace: true, message: requiredMessage }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={maxLength}
          showCount={showCount}
          placeholder={placeholder}
          data-testid={reasonTestId}
        />
      </Form.Item>
    </FormModal>
  );
};
