import { Alert, Button, Card, Flex, Space, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { PaperSize } from '../../../../shared/bridge/platform-bridge';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { consentState, consentsForVisit, type OpenedConsent } from '../../db/consents';
import { errorMessage } from '../../ui/error-message';
import { ConsentStateTag } from './consent-state-tag';
import { TamperAlert, VoidedAlert } from './consent-alerts';
import { NoticeDocument } from './notice-document';
import { PrintBar } from './print-bar';
import { runningHead } from './notice-words';
import { PrintSheet } from './print-sheet';
import { useOpenedConsent } from './use-opened-consent';

/** The opened notice: re-checked, with its void (if any) kept live while the page is open. */
const OpenedNotice = ({ opened }: { opened: OpenedConsent }) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  const navigate = useNavigate();
  const [paper, setPaper] = useState<PaperSize>('A4');
  const { consent } = opened;
  const family = useLiveQuery(
    () => consentsForVisit(db, actor, consent.visitId),
    [db, actor, consent.visitId],
  );
  const voided = family?.find((f) => f.consent.id === consent.id)?.voided ?? opened.voided;
  const newer = family?.find((f) => f.consent.content.previous?.id === consent.id)?.consent;
  const tampered = !opened.intact || !opened.matchesAudit;
  const document = (
    <NoticeDocument
      content={consent.content}
      signatures={consent.signatures}
      signedAt={consent.signedAt}
      contentHash={consent.contentHash}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space wrap>
          <Button onClick={() => navigate('/consents')}>{t('notice.back')}</Button>
          <Button type="link" onClick={() => navigate(`/consents/visit/${consent.visitId}`)}>
            {t('notice.openPlan')}
          </Button>
          <ConsentStateTag state={consentState(consent, voided)} />
        </Space>
        <PrintBar content={consent.content} paper={paper} onPaper={setPaper} blocked={tampered} />
      </Flex>
      {tampered && <TamperAlert />}
      {voided && <VoidedAlert voided={voided} newer={newer} />}
      <div
        className={`notice-screen notice-paper-${paper.toLowerCase()}`}
        data-testid="notice-screen"
      >
        {document}
      </div>
      {!tampered && (
        <PrintSheet paper={paper} running={runningHead(consent.content)}>
          {document}
        </PrintSheet>
      )}
    </Space>
  );
};

/** /consents/:consentId — one notice, as signed, ready to print. */
export const ConsentPage = () => {
  const { t } = useTranslation();
  const { consentId } = useParams();
  const state = useOpenedConsent(consentId);
  return (
    <Card>
      {state.status === 'opening' && <Spin description={t('notice.loading')} />}
      {state.status === 'failed' && (
        <Alert type="error" showIcon title={errorMessage(t, state.error)} />
      )}
      {state.status === 'open' && <OpenedNotice opened={state.opened} />}
    </Card>
  );
};
