import { Alert, Button, Card, Descriptions, Form, Radio, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { provinceByCode } from '../../../../shared/regions';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { recordSessionEvent } from '../../db/session';
import { completeSetup } from '../../db/setup';
import { useLanguage } from '../../i18n/use-language';
import { NameFields, NewPasswordFields } from '../../ui/account-fields';
import { ClinicFields } from '../../ui/clinic-fields';
import { errorMessage } from '../../ui/error-message';

type WizardValues = {
  name: string;
  regionProvince: string;
  regionCity: string;
  displayName: string;
  username: string;
  password: string;
  passwordConfirm: string;
};

/** First run: language, clinic, owner account, confirm. Creates everything in one transaction. */
export const SetupWizard = ({ onDone }: { onDone: (owner: Staff) => void }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { language, setLanguage } = useLanguage();
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
      const owner = await completeSetup(services, {
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
      await recordSessionEvent(services, owner, 'login');
      onDone(owner);
    } catch (error) {
      setFailure(errorMessage(t, error));
      setBusy(false);
    }
  };

  const values = form.getFieldsValue(true) as Partial<WizardValues>;
  const province = provinceByCode(values.regionProvince ?? '');

  return (
    <div className="centered-page">
      <Card style={{ width: 720 }}>
        <Typography.Title level={2}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.subtitle')}</Typography.Paragraph>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={(['language', 'clinic', 'owner', 'confirm'] as const).map((key) => ({
            title: t(`setup.steps.${key}`),
          }))}
        />
        <Form
          name="setup"
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={step === 3 ? create : next}
        >
          {step === 0 && (
            <>
              <Form.Item label={t('common.language')} extra={t('setup.languageHint')}>
                <Radio.Group value={language} onChange={(event) => setLanguage(event.target.value)}>
                  <Radio.Button value="zh-CN">{t('common.languages.zh-CN')}</Radio.Button>
                  <Radio.Button value="en">{t('common.languages.en')}</Radio.Button>
                </Radio.Group>
              </Form.Item>
            </>
          )}
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
            <>
              <Typography.Paragraph>{t('setup.confirmIntro')}</Typography.Paragraph>
              <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('setup.clinicName')}>{values.name}</Descriptions.Item>
                <Descriptions.Item label={t('setup.province')}>
                  {language === 'en' ? province?.en : province?.zh} {values.regionCity}
                </Descriptions.Item>
                <Descriptions.Item label={t('account.displayName')}>
                  {values.displayName}
                </Descriptions.Item>
                <Descriptions.Item label={t('account.username')}>
                  {values.username}
                </Descriptions.Item>
                <Descriptions.Item label={t('common.language')}>
                  {t(`common.languages.${language}`)}
                </Descriptions.Item>
              </Descriptions>
              <Alert
                type="info"
                showIcon
                title={t('backups.setupNotice')}
                style={{ marginBottom: 16 }}
              />
            </>
          )}
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          <Space>
            {step > 0 && (
              <Button onClick={() => setStep(step - 1)} disabled={busy}>
                {t('common.back')}
              </Button>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              {step === 3 ? (busy ? t('setup.creating') : t('setup.create')) : t('common.next')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
};
