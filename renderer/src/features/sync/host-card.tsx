import { Alert, App, Button, Card, Flex, QRCode, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubHost, HubHostStatus } from '../../../../shared/bridge/hub-host';
import { useServices } from '../../app/services';
import { pairingFetch } from '../../platform/hub-access';
import { pairWithHub, type HubLink } from '../../sync/engine';

type Props = {
  /** This PC's link to a hub: null when it has none. */
  link: HubLink | null;
  /** The clinic's name from its settings: the hub takes it from the first PC that pairs. */
  clinicName?: string;
};

/**
 * The desktop only: this PC as the clinic's sync service. The Electron main process runs the hub
 * in a process of its own; a browser has no host for it, and shows no card.
 */
export const HostCard = (props: Props) => {
  const { appInfo, bridge } = useServices();
  if (appInfo.kind !== 'electron' || !bridge.hubHost) return null;
  return <HostCardBody host={bridge.hubHost} {...props} />;
};

type SelfLink = 'connecting' | 'connected' | 'failed';

/** This PC's link goes to its own hub: loopback, or one of its LAN addresses. */
const isOwnHub = (status: HubHostStatus, url: string) =>
  [status.localUrl, `http://localhost:${status.port}`, ...status.lanUrls].includes(
    url.replace(/\/+$/, ''),
  );

const HostCardBody = ({ host, link, clinicName }: Props & { host: HubHost }) => {
  const { t } = useTranslation();
  const { db, appInfo, bridge } = useServices();
  const { modal } = App.useApp();
  const [status, setStatus] = useState<HubHostStatus>();
  const [unavailable, setUnavailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [selfLink, setSelfLink] = useState<SelfLink>();

  useEffect(() => {
    let live = true;
    host
      .status()
      .then((next) => live && setStatus(next))
      .catch(() => live && setUnavailable(true));
    return () => {
      live = false;
    };
  }, [host]);

  /** The owner types nothing: a code from the hub, this PC's name, the clinic's name. */
  const connectSelf = async (running: HubHostStatus) => {
    setSelfLink('connecting');
    try {
      const { code } = await host.createPairingCode({ admin: true });
      // Paired with its own loopback hub, the page reloads under a policy that names it.
      await pairWithHub(
        db,
        {
          url: running.localUrl,
          code,
          deviceName: appInfo.deviceName,
          ...(clinicName ? { clinicName } : {}),
        },
        bridge.hubAccess && pairingFetch(bridge.hubAccess),
      );
      setSelfLink('connected');
    } catch {
      setSelfLink('failed');
    }
  };

  const change = async (action: () => Promise<HubHostStatus>, connect: boolean) => {
    setBusy(true);
    try {
      const next = await action();
      setStatus(next);
      setUnavailable(false);
      if (connect && next.state === 'running' && link === null) await connectSelf(next);
    } catch {
      setUnavailable(true);
    } finally {
      setBusy(false);
    }
  };
  const turnOn = () => void change(() => host.turnOn(), true);
  const turnOff = () => {
    if (status?.state !== 'running') {
      void change(() => host.turnOff(), false);
      return;
    }
    modal.confirm({
      title: t('sync.host.offConfirm'),
      content: t('sync.host.offConfirmText'),
      okText: t('sync.host.offConfirmOk'),
      okButtonProps: { danger: true },
      onOk: () => change(() => host.turnOff(), false),
    });
  };

  const running = status?.state === 'running';
  return (
    <Card
      size="small"
      title={t('sync.host.title')}
      style={{ marginBottom: 16 }}
      data-testid="sync-host-card"
    >
      <Typography.Paragraph type="secondary">{t('sync.host.hint')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        <Flex gap={8} align="center">
          <Switch
            checked={status ? running || status.enabled : false}
            loading={busy || (!status && !unavailable)}
            disabled={!status}
            onChange={(on) => (on ? turnOn() : turnOff())}
            aria-label={t('sync.host.switch')}
            data-testid="sync-host-switch"
          />
          <Typography.Text>{t('sync.host.switch')}</Typography.Text>
        </Flex>
        {unavailable && <Alert type="error" showIcon title={t('sync.host.unavailable')} />}
        {status?.failure && (
          <Alert
            type="error"
            showIcon
            data-testid="sync-host-error"
            title={t(`sync.host.failures.${status.failure}`, { port: status.port })}
            action={
              <Button size="small" onClick={turnOn} loading={busy} data-testid="sync-host-retry">
                {t('sync.host.retry')}
              </Button>
            }
          />
        )}
        {running && status && (
          <>
            <Typography.Text strong>{t('sync.host.addresses')}</Typography.Text>
            {status.lanUrls.length === 0 ? (
              <Alert type="warning" showIcon title={t('sync.host.noAddress')} />
            ) : (
              <Flex gap={24} wrap>
                {status.lanUrls.map((url) => (
                  <Flex key={url} vertical align="center" gap={4}>
                    <QRCode
                      value={url}
                      size={132}
                      bordered={false}
                      aria-label={t('sync.host.qr')}
                      data-testid="sync-host-qr"
                    />
                    <Typography.Text copyable className="patient-mono" data-testid="sync-host-url">
                      {url}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            )}
            {!status.tls && (
              <Alert
                type="warning"
                showIcon
                title={t('sync.host.unencrypted')}
                data-testid="sync-host-unencrypted"
              />
            )}
            {link && !isOwnHub(status, link.url) && (
              <Alert type="warning" showIcon title={t('sync.host.otherHub', { url: link.url })} />
            )}
            {selfLink === 'connecting' && (
              <Alert type="info" showIcon title={t('sync.host.connecting')} />
            )}
            {selfLink === 'connected' && (
              <Alert
                type="success"
                showIcon
                title={t('sync.host.connected')}
                data-testid="sync-host-connected"
              />
            )}
            {link === null && selfLink !== 'connecting' && (
              <Flex vertical gap={8} align="flex-start">
                {selfLink === 'failed' && (
                  <Alert
                    type="error"
                    showIcon
                    title={t('sync.host.connectFailed')}
                    data-testid="sync-host-connect-error"
                  />
                )}
                <Button onClick={() => void connectSelf(status)} data-testid="sync-host-connect">
                  {t('sync.host.connectSelf')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </Flex>
    </Card>
  );
};
