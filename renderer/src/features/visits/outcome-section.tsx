import { CheckOutlined, SafetyOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Typography } from 'antd';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import type { VerificationOutcome, VerifyBlocker } from '../../../../shared/visits/verification';
import { errorMessage } from '../../ui/error-message';
import { ReasonForm, type OutcomeValues } from './reason-form';

type OutcomeSectionProps = {
  blockers: readonly VerifyBlocker[];
  /** Throws an AppError to refuse; its field decides where the sentence shows. */
  onSubmit: (outcome: VerificationOutcome, values: OutcomeValues) => Promise<void>;
  verifyRef: Ref<HTMLButtonElement>;
};

const FIELDS = ['reason', 'overrideUsername', 'overridePassword'] as const;

/**
 * The three outcomes (PRODUCT §1 item 3): verified; failed, which turns the visit to self-pay and
 * needs a reason; or released by an insurance officer or owner typing their own login.
 */
export const OutcomeSection = ({ blockers, onSubmit, verifyRef }: OutcomeSectionProps) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<OutcomeValues>();
  const [mode, setMode] = useState<'choose' | 'failed' | 'overridden'>('choose');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (outcome: VerificationOutcome) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit(outcome, form.getFieldsValue());
    } catch (error) {
      const message = errorMessage(t, error);
      const field = error instanceof AppError ? error.field : undefined;
      if (field && (FIELDS as readonly string[]).includes(field) && mode !== 'choose')
        form.setFields([{ name: field as (typeof FIELDS)[number], errors: [message] }]);
      else setFailure(message);
    } finally {
      setBusy(false);
    }
  };

  const choose = (next: 'failed' | 'overridden') => {
    setFailure(undefined);
    setMode(next);
  };

  return (
    <Card title={t('visits.panel.outcome.title')} size="small">
      {mode === 'choose' ? (
        <Flex vertical gap={12}>
          {blockers.length > 0 && (
            <Typography.Text type="secondary" data-testid="blockers">
              {t('visits.panel.outcome.blocked', {
                problems: blockers
                  .map((b) => t(`visits.blockers.${b}`))
                  .join(t('visits.panel.outcome.separator')),
              })}
            </Typography.Text>
          )}
          <Flex gap={12} wrap>
            <Button
              ref={verifyRef}
              type="primary"
              size="large"
              icon={<CheckOutlined />}
              disabled={blockers.length > 0}
              loading={busy}
              onClick={() => void submit('verified')}
              data-testid="outcome-verified"
            >
              {t('visits.panel.outcome.verify')}
            </Button>
            <Button
              danger
              size="large"
              icon={<StopOutlined />}
              onClick={() => choose('failed')}
              data-testid="outcome-failed"
            >
              {t('visits.panel.outcome.fail')}
            </Button>
            <Button
              size="large"
              icon={<SafetyOutlined />}
              onClick={() => choose('overridden')}
              data-testid="outcome-overridden"
            >
              {t('visits.panel.outcome.override')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <ReasonForm
          mode={mode}
          form={form}
          busy={busy}
          onFinish={() => void submit(mode)}
          onBack={() => setMode('choose')}
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={failure}
          style={{ marginTop: 12 }}
          data-testid="outcome-failure"
        />
      )}
    </Card>
  );
};
