import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { completeSetup } from '../../db/setup';
import { NameFields, NewPasswordFields } from '../../ui/account-fields';
import { ClinicFields } from '../../ui/clinic-fields';
import { errorMessage } from '../../ui/error-message';
import { ConfirmStep, type WizardValues } from './confirm-step';
import { SetupSteps } from './setup-steps';
import { StartStep } from './start-step';

/**
 * First run: language and how to start (a new clinic, or a backup restored on a new PC), then
 * clinic, owner account, confirm. Creates everything in one transaction, and hands on the owner
 * and their recovery code at once: the wizard ends as the clinic exists, and the app shows the
 * code before the owner is logged in.
 */
export const SetupWizard = ({
  onDone,
}: {
  onDone: (owner: Staff, recoveryCode: string) => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  // Only the current step's fields are mounted, so submitting validates just those; the form
  // keeps the values of the steps already done (antd's `preserve`).
  const next = () => setStep(step + 1);

  const create = async () => {
    const values = form.getFieldsValue(true) as WizardValues;
    setBusy(true);
    setFailure(undefined);
    try {
      const { owner, recoveryCode } = await completeSetup(services, {
        clinic: {
          name: values.name,
          regionProvince: values.regionProvince,
          regionCity: values.regionCity,
        },
        owner: {
          username: values.username,
          displayName: values.displayName,
          password: values.password,
        },
      });
      onDone(owner, recoveryCode);
    } catch (error) {
      setFailure(errorMessage(t, error));
      setBusy(false);
    }
  };

  return (
    <div className="centered-page">
      <Card style={{ width: 720 }}>
        <Typography.Title level={2}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.subtitle')}</Typography.Paragraph>
        <SetupSteps current={step} />
        <Form
          name="setup"
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={step === 3 ? create : next}
        >
          {step === 0 && <StartStep />}
          {step === 1 && <ClinicFields autoFocus />}
          {step === 2 && (
            <>
              <Alert
                type="warning"
                showIcon
                title={t('setup.ownerIntro')}
                style={{ marginBottom: 16 }}
              />
              <NameFields />
              <NewPasswordFields />
            </>
          )}
          {step === 3 && (
            <ConfirmStep values={form.getFieldsValue(true) as Partial<WizardValues>} />
          )}
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          {step > 0 && (
            <Space>
              <Button onClick={() => setStep(step - 1)} disabled={busy}>
                {t('common.back')}
              </Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {step === 3 ? (busy ? t('setup.creating') : t('setup.create')) : t('common.next')}
              </Button>
            </Space>
          )}
        </Form>
      </Card>
    </div>
  );
};
