import { FileProtectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { ageOn } from '../../../../shared/patients/display';
import { ADULT_AGE } from '../../../../shared/patients/patient';
import { useSession } from '../../app/session-store';
import { actorOf } from '../../db/staff';
import type { NoticeSummary } from '../../db/visit-plan';
import { CatalogueSearch } from './catalogue-search';
import { NoticesList } from './notices-list';
import { PlanHeader } from './plan-header';
import { PlanLineDialog } from './plan-line-dialog';
import { PlanTable } from './plan-table';
import { SelfPaySettlementAlert } from './self-pay-settlement-alert';
import { SigningDrawer } from './signing-drawer';
import { usePlanActions } from './use-plan-actions';
import { useVisitPlan } from './use-visit-plan';
import { VoidDialog } from './void-dialog';
import './consents.css';

/**
 * A visit's treatment plan at the chair (PRODUCT.md §2.2–2.5): items from the catalogue in force,
 * the self-pay notice signed on the tablet, and performing and billing only what was signed for.
 */
export const VisitPlanPage = () => {
  const { t } = useTranslation();
  const { visitId = '' } = useParams();
  const me = useSession((state) => state.staff)!;
  const actor = actorOf(me);
  const plan = useVisitPlan(visitId);
  const actions = usePlanActions(visitId, actor);
  const [signing, setSigning] = useState<'open' | 'closing'>();
  const [voiding, setVoiding] = useState<{ consent: NoticeSummary; open: boolean }>();
  // A refusal shown above the plan speaks of the notices as they were: once one is signed,
  // refused or voided (here or on another PC) it is stale, and goes.
  const noticesKey = plan?.notices.map((n) => `${n.consent.id}:${n.state}`).join() ?? '';
  const { clearFailure } = actions;
  useEffect(() => clearFailure(), [noticesKey, clearFailure]);
  const allowed = {
    prepare: can(me.roles, 'consent.prepare'),
    perform: can(me.roles, 'item.perform'),
    bill: can(me.roles, 'item.bill'),
  };

  if (plan === undefined) return <Spin />;
  if (plan === null) return <Alert type="error" showIcon title={t('consents.plan.notFound')} />;

  const canSign = can(me.roles, 'consent.sign');
  const prepareBlocked = !canSign
    ? t('consents.prepare.signOnly')
    : plan.awaiting.length === 0
      ? t('consents.prepare.nothing')
      : plan.correcting
        ? t('consents.prepare.correcting', { version: plan.correcting.content.version })
        : undefined;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={16}>
          <PlanHeader patient={plan.patient} visit={plan.visit} />
          {allowed.prepare ? (
            plan.versionId ? (
              <CatalogueSearch versionId={plan.versionId} onPick={actions.pick} />
            ) : (
              <Alert type="warning" showIcon title={t('consents.plan.noCatalogue')} />
            )
          ) : (
            <Typography.Text type="secondary">{t('consents.plan.readOnly')}</Typography.Text>
          )}
          {actions.failure && (
            <Alert
              type="error"
              showIcon
              closable={{ onClose: actions.clearFailure }}
              role="alert"
              title={actions.failure}
              data-testid="plan-failure"
            />
          )}
          <SelfPaySettlementAlert visit={plan.visit} />
          <PlanTable
            items={plan.items}
            live={plan.live}
            terms={{ settlement: plan.visit.settlement }}
            allowed={allowed}
            onAction={actions.act}
          />
          {allowed.prepare && (
            <Flex gap={12} align="center" wrap>
              <Button
                type="primary"
                size="large"
                icon={<FileProtectOutlined />}
                disabled={!canSign || plan.awaiting.length === 0}
                onClick={() => setSigning('open')}
                data-testid="prepare-notice"
              >
                {t('consents.prepare.button')}
              </Button>
              {prepareBlocked && (
                <Typography.Text type="secondary" data-testid="prepare-note">
                  {prepareBlocked}
                </Typography.Text>
              )}
            </Flex>
          )}
        </Flex>
      </Card>
      <NoticesList
        notices={plan.notices}
        // The front desk bills from this page but does not read the notices themselves.
        canOpen={can(me.roles, 'consent.view')}
        canVoid={can(me.roles, 'consent.void')}
        onVoid={(consent) => setVoiding({ consent, open: true })}
      />
      <PlanLineDialog
        open={actions.line.open}
        target={actions.line.target}
        settlement={plan.visit.settlement}
        onSubmit={actions.saveLine}
        onClose={actions.line.close}
        afterClose={actions.line.afterClose}
      />
      <VoidDialog
        open={!!voiding?.open}
        consent={voiding?.consent}
        onVoid={(reason) => actions.voidNotice(voiding!.consent, reason)}
        onClose={() => setVoiding((v) => v && { ...v, open: false })}
        afterClose={() => setVoiding(undefined)}
      />
      {signing && (
        <SigningDrawer
          open={signing === 'open'}
          visitId={visitId}
          actor={actor}
          minor={ageOn(plan.patient.birthDate, plan.visit.date) < ADULT_AGE}
          guardian={plan.patient.guardian}
          previous={plan.correcting}
          onClose={() => setSigning('closing')}
          afterClose={() => setSigning(undefined)}
        />
      )}
    </Flex>
  );
};
