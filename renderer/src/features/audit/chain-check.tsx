import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnchorCheck } from '../../../../shared/audit/checkpoint';
import type { Role } from '../../../../shared/auth/roles';
import { useServices } from '../../app/services';
import { verifyStoredChain, type StoredChainReport } from '../../db/audit';
import { errorMessage } from '../../ui/error-message';
import { deviceTail } from './audit-filter';

export type ChainOutcome = { report: StoredChainReport } | { failure: string };

/** Re-hashes every stored event on demand; the answer is for that moment, so it is not kept live. */
export const useChainCheck = (roles: readonly Role[] | undefined) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ChainOutcome>();

  const verify = async () => {
    if (!roles) return;
    setBusy(true);
    try {
      setOutcome({ report: await verifyStoredChain(db, roles) });
    } catch (error) {
      setOutcome({ failure: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return { verify, busy, outcome, disabled: !roles };
};

export const VerifyChainButton = ({ check }: { check: ReturnType<typeof useChainCheck> }) => {
  const { t } = useTranslation();
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      onClick={check.verify}
      loading={check.busy}
      disabled={check.disabled}
      data-testid="verify-chain"
    >
      {t('audit.verify')}
    </Button>
  );
};

/** One sentence per device whose chain does not match its checkpoint, each in its own words. */
const AnchorAlarms = ({ anchors }: { anchors: readonly AnchorCheck[] }) => {
  const { t } = useTranslation();
  return anchors
    .filter((check) => check.status !== 'ok')
    .map((check) => (
      <div key={check.deviceId} data-testid="anchor-alarm" data-status={check.status}>
        {t(`audit.chain.anchors.${check.status as Exclude<AnchorCheck['status'], 'ok'>}`, {
          device: deviceTail(check.deviceId),
          seq: check.checkpointSeq,
          last: check.lastSeq,
        })}
      </div>
    ));
};

export const ChainResult = ({ outcome }: { outcome: ChainOutcome }) => {
  const { t } = useTranslation();
  if ('failure' in outcome)
    return <Alert type="error" showIcon title={outcome.failure} data-testid="chain-result" />;
  const { report } = outcome;
  const anchorsOk = report.anchors.every((check) => check.status === 'ok');
  if (report.ok && anchorsOk) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.chain.ok', { count: report.checked })}
        description={report.anchors.length > 0 ? t('audit.chain.anchored') : undefined}
        data-testid="chain-result"
      />
    );
  }
  if (report.ok) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="chain-result"
        title={t('audit.chain.anchorAlarm')}
        description={
          <>
            <AnchorAlarms anchors={report.anchors} />
            <div>{t('audit.chain.whatToDo')}</div>
          </>
        }
      />
    );
  }
  const { firstBreak } = report;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="chain-result"
      title={t('audit.chain.broken', { problem: t(`audit.chain.problems.${firstBreak.problem}`) })}
      description={
        <>
          <div>
            {t('audit.chain.brokenAt', {
              device: deviceTail(firstBreak.deviceId),
              seq: firstBreak.seq,
              eventId: firstBreak.eventId,
              count: report.checked,
            })}
          </div>
          <AnchorAlarms anchors={report.anchors} />
          <div>{t('audit.chain.whatToDo')}</div>
        </>
      }
    />
  );
};
