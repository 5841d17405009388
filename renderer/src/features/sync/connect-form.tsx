import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HubRequestError } from '../../../../shared/sync/hub-client';
import { useServices } from '../../app/services';
import { pairWithHub, type HubLink } from '../../sync/engine';

type Values = { url: string; code: string; deviceName: string };

const URL_PATTERN = /^https?:\/\/[^\s/?#]+(:\d{1,5})?\/?$/i;
/** The hub's codes: 8 letters and digits, often typed with a dash or a space in the middle. */
const CODE_PATTERN = /^[A-Za-z0-9]{4}[ -]?[A-Za-z0-9]{4}$/;

/**
 * Address and pairing code of the clinic's hub. Used on the Sync screen of a PC in use, and on
 * the first-run screen of a new PC joining the clinic. The first PC on a new hub names the clinic.
 */
export const ConnectForm = ({
  clinicName,
  url,
  onConnected,
}: {
  clinicName?: string;
  /** The hub's address when it is known (pairing again after a revoke). */
  url?: string;
  onConnected: (link: HubLink) => void;
}) => {
  const { t, i18n } = useTranslation();
  const { db, appInfo } = useServices();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const link = await pairWithHub(db, {
        url: values.url.trim(),
        code: values.code.trim(),
        deviceName: values.deviceName.trim(),
        ...(clinicName ? { clinicName } : {}),
      });
      onConnected(link);
    } catch (error) {
      if (error instanceof HubRequestError && error.reason !== 'network' && error.body.message)
        setFailure(i18n.language === 'en' ? error.body.message.en : error.body.message.zh);
      else setFailure(t('sync.connect.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      initialValues={{
        url: url ?? '',
        deviceName: appInfo.kind === 'browser' ? '' : appInfo.deviceName,
      }}
      style={{ maxWidth: 480 }}
      data-testid="sync-connect-form"
    >
      <Form.Item
        name="url"
        label={t('sync.connect.url')}
        rules={[{ required: true, pattern: URL_PATTERN, message: t('sync.connect.urlInvalid') }]}
      >
        <Input
          placeholder={t('sync.connect.urlPlaceholder')}
          autoComplete="off"
          data-testid="sync-url"
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('sync.connect.code')}
        rules={[{ required: true, pattern: CODE_PATTERN, message: t('sync.connect.codeInvalid') }]}
      >
        <Input
          placeholder={t('sync.connect.codePlaceholder')}
          autoComplete="off"
          className="patient-mono"
          data-testid="sync-code"
        />
      </Form.Item>
      <Form.Item
        name="deviceName"
        label={t('sync.connect.deviceName')}
        extra={t('sync.connect.deviceNameHint')}
        rules={[
          { required: true, whitespace: true, message: t('sync.connect.deviceNameRequired') },
          { max: 80 },
        ]}
      >
        <Input autoComplete="off" data-testid="sync-device-name" />
      </Form.Item>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ marginBottom: 16 }}
          data-testid="sync-connect-error"
        />
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-connect">
        {busy ? t('sync.connect.connecting') : t('sync.connect.submit')}
      </Button>
    </Form>
  );
};
