import { App, Button, Card, Flex, Popconfirm, QRCode, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createHubClient } from '../../../../shared/sync/hub-client';
import { isLoopbackHub, pairingLink } from '../../../../shared/sync/pairing-link';
import type { DeviceInfo } from '../../../../shared/sync/protocol';
import { useServices } from '../../app/services';
import type { HubLink } from '../../sync/engine';

/**
 * The hub's address as another PC reaches it, for the QR code. A loopback address is this PC's
 * own: on the desktop that hosts the hub, its first LAN address stands in; otherwise the QR code
 * carries the code alone and the new PC types the address.
 */
const useJoinAddress = (linkUrl: string): string | undefined => {
  const { appInfo, bridge } = useServices();
  const loopback = isLoopbackHub(linkUrl);
  const host = appInfo.kind === 'electron' ? bridge.hubHost : undefined;
  const [lanUrl, setLanUrl] = useState<string>();
  useEffect(() => {
    if (!loopback || !host) return;
    let live = true;
    host
      .status()
      .then((status) => live && setLanUrl(status.lanUrls[0]))
      // The host card beside this one says when the hub cannot be asked; the code still works.
      .catch(() => live && setLanUrl(undefined));
    return () => {
      live = false;
    };
  }, [loopback, host]);
  return loopback ? lanUrl : linkUrl;
};

/**
 * The owner hands out one-time codes (also as a QR code a scanner types into the new PC's join
 * form) and sees, and may revoke, the paired workstations.
 */
export const Pairing = ({ link }: { link: HubLink }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [code, setCode] = useState<{ code: string; expiresAt: number }>();
  const [devices, setDevices] = useState<DeviceInfo[]>();
  const joinAddress = useJoinAddress(link.url);
  const client = useMemo(
    () => createHubClient({ url: link.url, token: link.token }),
    [link.url, link.token],
  );
  const refresh = useCallback(
    () =>
      void client
        .devices()
        .then((answer) => setDevices(answer.devices))
        .catch(() => setDevices(undefined)),
    [client],
  );
  useEffect(refresh, [refresh]);

  const createCode = async () => {
    try {
      const created = await client.createPairingCode(false);
      setCode({ code: created.code, expiresAt: created.expiresAt });
      refresh();
    } catch {
      void message.error(t('sync.connect.unreachable'));
    }
  };
  const revoke = async (device: DeviceInfo) => {
    try {
      await client.revoke(device.deviceId);
      refresh();
    } catch {
      void message.error(t('sync.connect.unreachable'));
    }
  };

  return (
    <>
      <Card size="small" title={t('sync.pairing.title')}>
        <Typography.Paragraph type="secondary">{t('sync.pairing.text')}</Typography.Paragraph>
        <Flex gap={16} align="center" wrap>
          <Button type="primary" onClick={() => void createCode()} data-testid="sync-create-code">
            {t('sync.pairing.create')}
          </Button>
          {code && (
            <Flex gap={16} align="center" data-testid="sync-pairing-code-box">
              <QRCode
                value={pairingLink({ hub: joinAddress, code: code.code })}
                size={132}
                bordered={false}
                aria-label={t('sync.pairing.qr')}
                data-testid="sync-pairing-qr"
              />
              <Flex vertical>
                <Typography.Text>
                  {t('sync.pairing.code')}：
                  <Typography.Text strong className="patient-mono" data-testid="sync-pairing-code">
                    {code.code}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('sync.pairing.expires', {
                    time: new Date(code.expiresAt).toLocaleTimeString(),
                  })}
                </Typography.Text>
              </Flex>
            </Flex>
          )}
        </Flex>
      </Card>
      <Card size="small" title={t('sync.devices.title')}>
        <Table<DeviceInfo>
          rowKey="deviceId"
          size="small"
          pagination={false}
          dataSource={devices ?? []}
          data-testid="sync-devices"
          columns={[
            {
              title: t('sync.devices.name'),
              render: (_, d) => (
                <>
                  {d.name}
                  {d.deviceId === link.hubDeviceId && (
                    <Tag style={{ marginInlineStart: 8 }}>{t('sync.devices.thisDevice')}</Tag>
                  )}
                </>
              ),
            },
            {
              title: t('sync.devices.lastSeen'),
              render: (_, d) =>
                d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString() : t('sync.devices.none'),
            },
            {
              title: t('sync.devices.status'),
              render: (_, d) =>
                d.revokedAt ? (
                  <Tag color="error">{t('sync.devices.revoked')}</Tag>
                ) : (
                  <Tag color="success">{t('sync.devices.active')}</Tag>
                ),
            },
            {
              title: '',
              render: (_, d) =>
                !d.revokedAt &&
                d.deviceId !== link.hubDeviceId && (
                  <Popconfirm
                    title={t('sync.devices.revokeConfirm', { name: d.name })}
                    onConfirm={() => void revoke(d)}
                  >
                    <Button size="small" danger data-testid="sync-revoke">
                      {t('sync.devices.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
};
