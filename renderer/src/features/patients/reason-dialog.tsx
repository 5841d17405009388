import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const REASON_MAX = 200;

export type IdentityChange = { field: 'name' | 'idType' | 'idNumber'; from: string; to: string };

/**
 * PRODUCT.md §7.2: original records are never silently changed. Before a change of name, ID type
 * or ID number is saved, the person says why; the old and new values are shown once more here.
 */
export const ReasonDialog = ({
  changes,
  busy,
  onConfirm,
  onCancel,
}: {
  /** Empty while closed. */
  changes: readonly IdentityChange[];
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const submitOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    form.submit();
  };
  return (
    <Modal
      open={changes.length > 0}
      title={t('patients.edit.reasonTitle')}
      onCancel={onCancel}
      destroyOnHidden
      mask={{ closable: false }}
      footer={null}
    >
      <Form
        form={form}
        name="patient-reason"
        layout="vertical"
        requiredMark={false}
        clearOnDestroy
        scrollToFirstError={{ focus: true }}
        onFinish={({ reason }) => onConfirm(reason.trim())}
      >
        <Typography.Paragraph>{t('patients.edit.reasonBody')}</Typography.Paragraph>
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={changes.map((c) => (
            <div key={c.field} data-testid="reason-change">
              {`${t(`patients.fields.${c.field}`)}：${c.from} → ${c.to}`}
            </div>
          ))}
        />
        <Form.Item
          name="reason"
          label={t('patients.edit.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: REASON_MAX, message: t('patients.edit.reasonTooLong', { max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 2, maxRows: 5 }}
            showCount
            maxLength={REASON_MAX}
            placeholder={t('patients.edit.reasonPlaceholder')}
            onKeyDown={submitOnEnter}
            data-testid="patient-reason"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Button onClick={onCancel} style={{ marginRight: 8 }}>
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            data-testid="patient-reason-confirm"
          >
            {t('patients.edit.reasonConfirm')}
          </Button>
        </Form.Item>
      </Form>
    </Modal>
  );
};
