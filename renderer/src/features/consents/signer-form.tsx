import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Decision, type Relation, type Signer } from '../../../../shared/consents/consent';
import type { IdDocumentType } from '../../../../shared/identity/id-number';
import { placeFailure } from '../staff/form-failure';
import { RepresentativeFields } from './representative-fields';

export type SignerRequest = { decision: Decision; signer: Signer };

type SignerValues = {
  decision: Decision;
  kind: Signer['kind'];
  name?: string;
  relation?: Relation;
  idType?: IdDocumentType;
  idNumber?: string;
  witnessName?: string;
};

const FIELDS = ['name', 'relation', 'idType', 'idNumber', 'witnessName'];

type Representative = Extract<Signer, { kind: 'representative' }>;

/** The boxes as they open: a representative's are filled in advance (the registered guardian). */
const toValues = (
  { decision, signer }: SignerRequest,
  representative: Omit<Representative, 'kind'> | undefined,
): SignerValues => {
  if (signer.kind === 'representative') return { decision, ...signer };
  const ahead = representative ?? { idType: 'resident' as const };
  if (signer.kind === 'witness')
    return { decision, ...ahead, kind: 'witness', witnessName: signer.name };
  return { decision, ...ahead, kind: 'patient' };
};

const toRequest = (v: SignerValues): SignerRequest => {
  const kind = v.decision === 'agreed' && v.kind === 'witness' ? 'patient' : v.kind;
  const signer: Signer =
    kind === 'representative'
      ? {
          kind,
          name: v.name?.trim() ?? '',
          relation: v.relation ?? 'other',
          idType: v.idType ?? 'resident',
          idNumber: v.idNumber?.trim() ?? '',
        }
      : kind === 'witness'
        ? { kind, name: v.witnessName?.trim() ?? '' }
        : { kind: 'patient' };
  return { decision: v.decision, signer };
};

/**
 * Who signs, chosen by the clinician before the tablet is handed over: the patient, a guardian
 * or relative (identified: name, relation, ID), or, for a refusal the patient will not sign, a
 * staff witness. The store checks the ID number; its refusal lands on the field.
 */
export const SignerForm = ({
  initial,
  minor,
  representative,
  onSubmit,
}: {
  initial: SignerRequest;
  minor: boolean;
  /** Who fills the representative's boxes when the clinician chooses one: the guardian. */
  representative?: Omit<Representative, 'kind'>;
  onSubmit: (request: SignerRequest) => Promise<void>;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignerValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const decision = Form.useWatch('decision', form) ?? initial.decision;
  const kind = Form.useWatch('kind', form) ?? initial.signer.kind;
  const required = [{ required: true, whitespace: true, message: t('consents.signing.required') }];

  const finish = async (values: SignerValues) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit(toRequest(values));
    } catch (error) {
      const placed = placeFailure(t, error, FIELDS);
      const field = kind === 'witness' && placed.field === 'name' ? 'witnessName' : placed.field;
      if (field) form.setFields([{ name: field as keyof SignerValues, errors: [placed.message] }]);
      else setFailure(placed.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<SignerValues>
      form={form}
      name="consent-signer"
      layout="vertical"
      requiredMark={false}
      initialValues={toValues(initial, representative)}
      onFinish={finish}
      style={{ maxWidth: 640 }}
    >
      <Form.Item name="decision" label={t('consents.signing.decision')}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="signer-decision">
          <Radio value="agreed">{t('consents.signing.agreed')}</Radio>
          <Radio value="refused">{t('consents.signing.refused')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="kind" label={t('consents.signing.signer')}>
        <Radio.Group data-testid="signer-kind">
          <Radio value="patient">{t('consents.signing.patient')}</Radio>
          <Radio value="representative">{t('consents.signing.representative')}</Radio>
          {decision === 'refused' && <Radio value="witness">{t('consents.signing.witness')}</Radio>}
        </Radio.Group>
      </Form.Item>
      {minor && kind === 'patient' && (
        <Alert
          type="warning"
          showIcon
          title={t('consents.signing.minor')}
          style={{ marginBottom: 16 }}
        />
      )}
      {kind === 'representative' && <RepresentativeFields />}
      {kind === 'witness' && decision === 'refused' && (
        <>
          <Typography.Paragraph type="secondary">
            {t('consents.signing.witnessHelp')}
          </Typography.Paragraph>
          <Form.Item name="witnessName" label={t('consents.signing.witnessName')} rules={required}>
            <Input maxLength={40} autoComplete="off" data-testid="witness-name" />
          </Form.Item>
        </>
      )}
      {failure && (
        <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} />
      )}
      <Button
        type="primary"
        size="large"
        htmlType="submit"
        loading={busy}
        data-testid="signer-next"
      >
        {t('consents.signing.next')}
      </Button>
    </Form>
  );
};
