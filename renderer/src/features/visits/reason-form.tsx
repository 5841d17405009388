import { Button, Flex, Form, Input, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../../shared/visits/visit';

export type OutcomeValues = {
  reason?: string;
  overrideUsername?: string;
  overridePassword?: string;
};

type ReasonFormProps = {
  mode: 'failed' | 'overridden';
  form: FormInstance<OutcomeValues>;
  busy: boolean;
  onFinish: () => void;
  onBack: () => void;
};

/**
 * What a failure or an override needs before it is recorded: a reason, and for an override the
 * officer's or owner's own username and password. Enter records; the focus starts where typing does.
 */
export const ReasonForm = ({ mode, form, busy, onFinish, onBack }: ReasonFormProps) => {
  const { t } = useTranslation();
  return (
    <Form<OutcomeValues>
      form={form}
      name={`verify-${mode}`}
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
    >
      <Typography.Paragraph>
        {t(
          mode === 'failed' ? 'visits.panel.outcome.failHelp' : 'visits.panel.outcome.overrideHelp',
        )}
      </Typography.Paragraph>
      {mode === 'overridden' && (
        <Flex gap={12}>
          <Form.Item
            name="overrideUsername"
            label={t('visits.panel.outcome.username')}
            style={{ flex: 1 }}
          >
            <Input autoFocus autoComplete="off" data-testid="override-username" />
          </Form.Item>
          <Form.Item
            name="overridePassword"
            label={t('visits.panel.outcome.password')}
            style={{ flex: 1 }}
          >
            <Input.Password autoComplete="off" data-testid="override-password" />
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="reason" label={t('visits.panel.outcome.reason')}>
        <Input
          autoFocus={mode === 'failed'}
          maxLength={REASON_MAX}
          placeholder={t(
            mode === 'failed'
              ? 'visits.panel.outcome.failPlaceholder'
              : 'visits.panel.outcome.overridePlaceholder',
          )}
          data-testid="outcome-reason"
        />
      </Form.Item>
      <Flex gap={12}>
        <Button
          type="primary"
          danger={mode === 'failed'}
          htmlType="submit"
          loading={busy}
          data-testid="outcome-confirm"
        >
          {t(
            mode === 'failed'
              ? 'visits.panel.outcome.confirmFail'
              : 'visits.panel.outcome.confirmOverride',
          )}
        </Button>
        <Button onClick={onBack}>{t('visits.panel.outcome.back')}</Button>
      </Flex>
    </Form>
  );
};
