import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { evidenceIntact, type EvidenceReport } from '../../../../shared/backup/evidence';
import { deviceTail } from '../audit/audit-filter';

/**
 * The file's audit chains (by device) and signed notices, as checked before the restore
 * (hardening item 10): green when all is intact, red with each break otherwise. A broken file
 * may still be restored (it may be the only copy); the owner sees what is wrong first.
 */
export const RestoreEvidence = ({ evidence }: { evidence: EvidenceReport }) => {
  const { t } = useTranslation();
  const intact = evidenceIntact(evidence);
  const lines = [
    ...evidence.chains.map((chain) => ({
      key: `chain-${chain.deviceId}`,
      broken: chain.firstBreak !== undefined,
      text: chain.firstBreak
        ? t('backups.restore.evidence.chainBroken', {
            device: deviceTail(chain.deviceId),
            seq: chain.firstBreak.seq,
            problem: t(`audit.chain.problems.${chain.firstBreak.problem}`),
          })
        : t('backups.restore.evidence.chainIntact', {
            device: deviceTail(chain.deviceId),
            count: chain.events,
          }),
    })),
    ...(evidence.chains.length === 0
      ? [{ key: 'no-chains', broken: false, text: t('backups.restore.evidence.noChains') }]
      : []),
    ...(evidence.anchors ?? []).map((check) => ({
      key: `anchor-${check.deviceId}`,
      broken: check.status !== 'ok',
      text: t(`backups.restore.evidence.anchors.${check.status}`, {
        device: deviceTail(check.deviceId),
        seq: check.checkpointSeq,
        last: check.lastSeq,
      }),
    })),
    ...(evidence.anchors === undefined
      ? [
          {
            key: 'no-checkpoints',
            broken: false,
            text: t('backups.restore.evidence.noCheckpoints'),
          },
        ]
      : []),
    ...evidence.consents.broken.map((consent) => ({
      key: `consent-${consent.consentId}`,
      broken: true,
      text: t('backups.restore.evidence.consentBroken', {
        date: consent.date,
        patient: consent.patientName,
        problem: t(`backups.restore.evidence.consentProblems.${consent.problem}`),
      }),
    })),
    {
      key: 'consents',
      broken: false,
      text:
        evidence.consents.checked === 0
          ? t('backups.restore.evidence.consentsNone')
          : t('backups.restore.evidence.consentsIntact', {
              count: evidence.consents.checked - evidence.consents.broken.length,
            }),
    },
  ];
  return (
    <Alert
      type={intact ? 'success' : 'error'}
      showIcon
      style={{ marginTop: 12 }}
      data-testid={intact ? 'restore-evidence-intact' : 'restore-evidence-broken'}
      title={t('backups.restore.evidence.title')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t(intact ? 'backups.restore.evidence.intact' : 'backups.restore.evidence.broken')}
          </Typography.Paragraph>
          <div style={{ maxHeight: 140, overflowY: 'auto' }}>
            {lines.map((line) => (
              <div key={line.key} data-testid="restore-evidence-line">
                <Typography.Text type={line.broken ? 'danger' : undefined}>
                  {line.text}
                </Typography.Text>
              </div>
            ))}
          </div>
        </>
      }
    />
  );
};
