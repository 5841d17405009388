import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HubRequestError } from '../../../../shared/sync/hub-client';
import { parsePairingLink } from '../../../../shared/sync/pairing-link';
import { useServices } from '../../app/services';
import { pairingFetch } from '../../platform/hub-access';
import { pairWithHub, type HubLink } from '../../sync/engine';
import { summarizeJoin, type JoinSummary } from '../../sync/join';
import { JoinConfirm } from './join-confirm';

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
  confirmJoin = false,
  onConnected,
}: {
  clinicName?: string;
  /** A PC in use joining for the first time: say what it brings, and ask, before pairing. */
  confirmJoin?: boolean;
  /** The hub's address when it is known (pairing again after a revoke). */
  url?: string;
  onConnected: (link: HubLink) => void;
}) => {
  const { t, i18n } = useTranslation();
  const { db, appInfo, bridge } = useServices();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [joining, setJoining] = useState<{ values: Values; summary: JoinSummary }>();

  const ask = async (values: Values) => {
    if (!confirmJoin) return submit(values);
    setFailure(undefined);
    setJoining({ values, summary: await summarizeJoin(db) });
  };

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      // On the desktop the page reloads once paired, under a policy that names the new hub.
      const link = await pairWithHub(
        db,
        {
          url: values.url.trim(),
          code: values.code.trim(),
          deviceName: values.deviceName.trim(),
          ...(clinicName ? { clinicName } : {}),
        },
        bridge.hubAccess && pairingFetch(bridge.hubAccess),
      );
      onConnected(link);
    } catch (error) {
      if (error instanceof HubRequestError && error.reason !== 'network' && error.body.message)
        setFailure(i18n.language === 'en' ? error.body.message.en : error.body.message.zh);
      else setFailure(t('sync.connect.unreachable'));
    } finally {
      setBusy(false);
      setJoining(undefined);
    }
  };

  /** A scanner types the owner's QR code into whichever field has focus: split it into both. */
  const takeScan = (changed: Partial<Values>) => {
    const field = changed.url !== undefined ? 'url' : changed.code !== undefined ? 'code' : null;
    const scanned = field ? parsePairingLink(changed[field]!) : null;
    if (!scanned) return;
    form.setFieldsValue({
      url: scanned.hub ?? (field === 'url' ? '' : form.getFieldValue('url')),
      code: scanned.code,
    });
    void form.validateFields(scanned.hub ? ['url', 'code'] : ['code']).catch(() => undefined);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={takeScan}
      onFinish={(values) => void ask(values)}
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
        extra={t('sync.connect.scanHint')}
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
      <JoinConfirm
        summary={joining?.summary}
        busy={busy}
        onConfirm={() => joining && void submit(joining.values)}
        onCancel={() => setJoining(undefined)}
      />
    </Form>
  );
};
