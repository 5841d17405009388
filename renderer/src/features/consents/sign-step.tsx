import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent, ConsentSignatures } from '../../../../shared/consents/consent';
import { signatureProblem, type Signature } from '../../../../shared/consents/signature';
import { AppError } from '../../../../shared/errors';
import { fen, formatYuan } from '../../../../shared/money';
import type { NoticeDraft } from '../../db/consents';
import { errorMessage } from '../../ui/error-message';
import { NoticeDocument } from './notice-document';
import { SignaturePad } from './signature-pad';

type Pads = 'signer' | 'clinician';

const SignerLine = ({ draft }: { draft: NoticeDraft }) => {
  const { t } = useTranslation();
  const { signer, patient } = draft.content;
  return (
    <Typography.Text data-testid="signer-line">
      {signer.kind === 'patient'
        ? t('consents.signing.signerLine.patient', { name: patient.name })
        : signer.kind === 'representative'
          ? t('consents.signing.signerLine.representative', {
              name: signer.name,
              relation: t(`consents.relations.${signer.relation}`),
            })
          : t('consents.signing.signerLine.witness', { name: signer.name })}
    </Typography.Text>
  );
};

/**
 * The tablet in the patient's hands: the notice exactly as it will be stored, the signer's box,
 * then the clinician's. An empty box or a dot is refused before anything is sent.
 */
export const SignStep = ({
  draft,
  onChangeSigner,
  onSign,
}: {
  draft: NoticeDraft;
  onChangeSigner: () => void;
  onSign: (signatures: ConsentSignatures) => Promise<Consent>;
}) => {
  const { t } = useTranslation();
  const { content } = draft;
  const [ink, setInk] = useState<Partial<Record<Pads, Signature>>>({});
  const [errors, setErrors] = useState<Partial<Record<Pads, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refused = content.decision === 'refused';

  const draw = (pad: Pads) => (signature: Signature | undefined) => {
    setInk((current) => ({ ...current, [pad]: signature }));
    setErrors((current) => ({ ...current, [pad]: undefined }));
  };

  const sign = async () => {
    const problems = Object.fromEntries(
      (['signer', 'clinician'] as const).flatMap((pad) => {
        const problem = signatureProblem(ink[pad]);
        return problem ? [[pad, t(`errors.signature-${problem}`)]] : [];
      }),
    );
    setErrors(problems);
    setFailure(undefined);
    if (Object.keys(problems).length > 0 || !ink.signer || !ink.clinician) return;
    setBusy(true);
    try {
      await onSign({ signer: ink.signer, clinician: ink.clinician });
    } catch (error) {
      const field = error instanceof AppError ? error.field : undefined;
      if (field === 'signer' || field === 'clinician')
        setErrors({ [field]: errorMessage(t, error) });
      else setFailure(errorMessage(t, error));
      setBusy(false);
    }
  };

  return (
    <Row gutter={24}>
      <Col span={13}>
        <div className="signing-notice" data-testid="signing-notice">
          <NoticeDocument content={content} />
        </div>
      </Col>
      <Col span={11}>
        <Flex vertical gap={16}>
          <Alert type="info" showIcon title={t('consents.signing.handover')} />
          <Card size="small">
            <Flex vertical gap={4}>
              <Typography.Text strong data-testid="signing-summary">
                {refused
                  ? t('consents.signing.summaryRefused', { count: content.lines.length })
                  : t('consents.signing.summary', {
                      count: content.lines.length,
                      amount: formatYuan(fen(content.selfPayTotalFen)),
                    })}
              </Typography.Text>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <SignerLine draft={draft} />
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={onChangeSigner}
                  data-testid="change-signer"
                >
                  {t('consents.signing.change')}
                </Button>
              </Flex>
            </Flex>
          </Card>
          <SignaturePad
            label={t(`consents.signing.pads.${content.signer.kind}`)}
            onChange={draw('signer')}
            error={errors.signer}
            testId="pad-signer"
          />
          <SignaturePad
            label={t('consents.signing.pads.clinician', { name: content.clinician.name })}
            onChange={draw('clinician')}
            error={errors.clinician}
            testId="pad-clinician"
            height={140}
          />
          {failure && (
            <Alert type="error" showIcon role="alert" title={failure} data-testid="sign-failure" />
          )}
          <Button
            type="primary"
            size="large"
            danger={refused}
            block
            loading={busy}
            disabled={busy}
            onClick={() => void sign()}
            data-testid="sign-confirm"
          >
            {t(refused ? 'consents.signing.signRefusal' : 'consents.signing.sign')}
          </Button>
        </Flex>
      </Col>
    </Row>
  );
};
