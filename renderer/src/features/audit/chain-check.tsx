import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainReport } from '../../../../shared/audit/chain';
import type { Role } from '../../../../shared/auth/roles';
import { useServices } from '../../app/services';
import { verifyStoredChain } from '../../db/audit';
import { errorMessage } from '../../ui/error-message';
import { deviceTail } from './audit-filter';

export type ChainOutcome = { report: ChainReport } | { failure: string };

/** Re-hashes every stored event on demand; the answer is for that moment, so it is not kept live. */
export const useChainCheck = (role: Role | undefined) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ChainOutcome>();

  const verify = async () => {
    if (!role) return;
    setBusy(true);
    try {
      setOutcome({ report: await verifyStoredChain(db, role) });
    } catch (error) {
      setOutcome({ failure: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return { verify, busy, outcome, disabled: !role };
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

export const ChainResult = ({ outcome }: { outcome: ChainOutcome }) => {
  const { t } = useTranslation();
  if ('failure' in outcome)
    return <Alert type="error" showIcon title={outcome.failure} data-testid="chain-result" />;
  const { report } = outcome;
  if (report.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.chain.ok', { count: report.checked })}
        data-testid="chain-result"
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
          <div>{t('audit.chain.whatToDo')}</div>
        </>
      }
    />
  );
};
