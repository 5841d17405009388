import { ScanOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Space,
  Tag,
  Typography,
  type InputRef,
} from 'antd';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { readInsuranceQr } from '../../../../shared/identity/insurance-qr';
import { maskIdNumber } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import type { CardMethod } from '../../../../shared/visits/verification';
import { MatchTag } from './match-tag';
import { QrScanner } from './qr-scanner';
import { useWedgeTiming } from './wedge';

/** What the 卡 section holds: the number, how it was read, and a QR code's raw text. */
export type CardReading = { number: string; method: CardMethod; rawScan?: string };

export const NO_CARD: CardReading = { number: '', method: 'none' };

type CardSectionProps = {
  patient: Patient;
  reading: CardReading;
  matches: boolean | undefined;
  onReading: (reading: CardReading) => void;
  onEnter: () => void;
  inputRef: Ref<InputRef>;
};

/**
 * 卡: a card number typed, or "typed" by a keyboard-wedge reader (a burst of keys ending with
 * Enter), or read from a 医保电子凭证 QR code with the webcam; compared with the card on file.
 */
export const CardSection = ({
  patient,
  reading,
  matches,
  onReading,
  onEnter,
  inputRef,
}: CardSectionProps) => {
  const { t } = useTranslation();
  const wedge = useWedgeTiming();
  const [scanning, setScanning] = useState(false);
  const qrWithoutCard = reading.method === 'qr' && reading.number === '';

  const scanned = (raw: string) => {
    setScanning(false);
    onReading({ number: readInsuranceQr(raw).cardNumber ?? '', method: 'qr', rawScan: raw });
  };

  return (
    <Card title={t('visits.panel.card.title')} size="small" className="visit-section">
      <Form layout="vertical" component="div">
        <Form.Item label={t('visits.panel.card.number')} htmlFor="verify-card-number">
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id="verify-card-number"
              ref={inputRef}
              value={reading.number}
              autoComplete="off"
              maxLength={64}
              placeholder={t('visits.panel.card.placeholder')}
              onKeyDown={(event) => wedge.onKey(event.key, event.timeStamp)}
              onChange={(event) => {
                const number = event.target.value;
                onReading({ number, method: number.trim() === '' ? 'none' : 'typed' });
              }}
              onPressEnter={(event) => {
                event.preventDefault();
                const reader = wedge.finish();
                if (reader && reading.number.trim() !== '')
                  onReading({ number: reading.number, method: 'reader' });
                onEnter();
              }}
              data-testid="card-number"
            />
            <Button icon={<ScanOutlined />} onClick={() => setScanning(true)} data-testid="scan-qr">
              {t('visits.panel.card.scan')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('visits.panel.card.stored')}</Typography.Text>
          {patient.cardNumber ? (
            <Typography.Text code>{maskIdNumber(patient.cardNumber)}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
          <MatchTag matches={matches} testId="card-match" />
          <Tag data-testid="card-method" data-method={reading.method}>
            {t('visits.panel.card.method', { method: t(`visits.methods.${reading.method}`) })}
          </Tag>
        </Flex>
        {patient.scheme === 'self-pay' && (
          <Typography.Text type="secondary">{t('visits.panel.card.uninsured')}</Typography.Text>
        )}
        {!patient.cardNumber && patient.scheme !== 'self-pay' && (
          <Typography.Text type="warning">{t('visits.panel.card.noStored')}</Typography.Text>
        )}
        {reading.rawScan !== undefined && (
          <div>
            <Typography.Text type="secondary">{t('visits.panel.card.rawScan')}</Typography.Text>
            <div className="visit-raw-scan" data-testid="raw-scan">
              {reading.rawScan}
            </div>
          </div>
        )}
        {qrWithoutCard && <Alert type="warning" showIcon title={t('visits.panel.card.qrNoCard')} />}
      </Flex>
      <QrScanner
        open={scanning}
        onDecoded={scanned}
        onClose={() => setScanning(false)}
        // After a scan the dialog hands the focus back to 扫码; the person check is next.
        afterClose={() => {
          if (reading.method === 'qr') onEnter();
        }}
      />
    </Card>
  );
};
