import { Alert, Card, Drawer, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent, ConsentSignatures } from '../../../../shared/consents/consent';
import type { Guardian } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { draftNotice, signConsent, type NoticeDraft } from '../../db/consents';
import type { Actor } from '../../db/write';
import { errorMessage } from '../../ui/error-message';
import { SignDone } from './sign-done';
import { SignStep } from './sign-step';
import { SignerForm, type SignerRequest } from './signer-form';

type Step =
  | { at: 'drafting' }
  | { at: 'who'; error?: string }
  | { at: 'sign'; draft: NoticeDraft }
  | { at: 'done'; consent: Consent };

const PATIENT_AGREES: SignerRequest = { decision: 'agreed', signer: { kind: 'patient' } };

/** The guardian recorded at registration as the signer; blank boxes when none was recorded. */
const guardianSigner = (guardian: Guardian | undefined) => ({
  kind: 'representative' as const,
  name: guardian?.name ?? '',
  relation: guardian?.relation ?? 'parent',
  idType: guardian?.idType ?? 'resident',
  idNumber: guardian?.idNumber ?? '',
});

type SigningDrawerProps = {
  open: boolean;
  visitId: string;
  actor: Actor;
  /** A child's notice starts with the guardian's details rather than the patient's own signature. */
  minor: boolean;
  /** The guardian recorded at registration: offered as the signer. */
  guardian: Guardian | undefined;
  /** The voided notice this one corrects. */
  previous: Pick<Consent, 'id' | 'content'> | undefined;
  onClose: () => void;
  afterClose: () => void;
};

/**
 * Preparing, reading and signing one notice, across the whole screen so that the tablet can be
 * handed to the patient. The draft shown is the draft signed: its hash goes with the signatures.
 */
export const SigningDrawer = ({
  open,
  visitId,
  actor,
  minor,
  guardian,
  previous,
  onClose,
  afterClose,
}: SigningDrawerProps) => {
  const { t } = useTranslation();
  const services = useServices();
  const [request, setRequest] = useState<SignerRequest>(
    minor ? { decision: 'agreed', signer: guardianSigner(guardian) } : PATIENT_AGREES,
  );
  const [step, setStep] = useState<Step>({ at: minor ? 'who' : 'drafting' });
  const base = { visitId, ...(previous ? { previousId: previous.id } : {}) };

  const prepare = async (next: SignerRequest) => {
    setRequest(next);
    const draft = await draftNotice(services, actor, { ...base, ...next });
    setStep({ at: 'sign', draft });
  };

  useEffect(() => {
    // The common case, the patient agreeing and signing, opens straight on the notice.
    if (step.at !== 'drafting') return;
    draftNotice(services, actor, { ...base, ...request }).then(
      (draft) => setStep({ at: 'sign', draft }),
      (error: unknown) => setStep({ at: 'who', error: errorMessage(t, error) }),
    );
    // Once, on opening: the signer chosen later drafts again through the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const sign = async (draft: NoticeDraft, signatures: ConsentSignatures) => {
    const consent = await signConsent(services, actor, {
      ...base,
      ...request,
      draftHash: draft.draftHash,
      signatures,
    });
    setStep({ at: 'done', consent });
    return consent;
  };

  const version = previous ? previous.content.version + 1 : undefined;
  return (
    <Drawer
      open={open}
      size="100%"
      placement="right"
      onClose={onClose}
      afterOpenChange={(opened) => !opened && afterClose()}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="signing-drawer"
      title={
        <Flex gap={12} align="baseline">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('consents.signing.title')}
          </Typography.Title>
          {step.at === 'sign' && (
            <Tag color="blue" data-testid="signing-version">
              {step.draft.content.previous
                ? t('consents.signing.correcting', {
                    version: step.draft.content.version,
                    previous: step.draft.content.previous.version,
                  })
                : t('consents.signing.version', { version: step.draft.content.version })}
            </Tag>
          )}
          {step.at === 'who' && version && (
            <Typography.Text type="secondary">
              {t('consents.prepare.correcting', { version: previous?.content.version })}
            </Typography.Text>
          )}
        </Flex>
      }
    >
      {step.at === 'drafting' && <Spin />}
      {step.at === 'who' && (
        <Card title={t('consents.signing.who')} style={{ maxWidth: 720, margin: '24px auto' }}>
          {step.error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={step.error}
              style={{ marginBottom: 16 }}
            />
          )}
          <SignerForm
            initial={request}
            minor={minor}
            representative={guardian && guardianSigner(guardian)}
            onSubmit={prepare}
          />
        </Card>
      )}
      {step.at === 'sign' && (
        <SignStep
          draft={step.draft}
          onChangeSigner={() => setStep({ at: 'who' })}
          onSign={(signatures) => sign(step.draft, signatures)}
        />
      )}
      {step.at === 'done' && <SignDone consent={step.consent} onClose={onClose} />}
    </Drawer>
  );
};
