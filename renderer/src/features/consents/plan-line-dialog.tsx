import { Alert, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { needsConsent, type CatalogueEntry } from '../../../../shared/catalogue/catalogue';
import { PLAN_TEXT_MAX, type PlanInput } from '../../../../shared/consents/planned-item';
import { formatTeeth, parseTeeth } from '../../../../shared/consents/teeth';
import {
  lineTotal,
  QUANTITY_MAX,
  selfPayFen,
  type SettlementTerms,
} from '../../../../shared/consents/self-pay';
import { fen, formatYuan } from '../../../../shared/money';
import { FormModal } from '../staff/form-modal';
import { CoverageTag } from '../catalogue/coverage-tag';

/** The catalogue terms a line shows: a catalogue item being added, or a planned item being edited. */
export type LineTerms = Pick<
  CatalogueEntry,
  'code' | 'name' | 'unit' | 'priceFen' | 'coverage' | 'selfPayRatioBp' | 'restriction'
>;

export type LineTarget = { mode: 'add' | 'edit'; terms: LineTerms; initial?: Partial<PlanInput> };

const coverageNote = (consent: boolean, settlement: SettlementTerms['settlement']) =>
  consent
    ? 'consents.line.needsConsent'
    : settlement === 'self-pay'
      ? 'consents.line.classASelfPay'
      : 'consents.line.classA';

type LineValues = {
  quantity: number;
  /** As typed: "16 26". */
  teeth?: string;
  reason?: string;
  alternatives?: 'offered' | 'none';
  alternativesText?: string;
};

const toValues = (input: Partial<PlanInput> = {}): LineValues => ({
  quantity: input.quantity ?? 1,
  teeth: input.teeth ? formatTeeth(input.teeth) : undefined,
  reason: input.reason,
  alternatives: input.alternatives?.kind,
  alternativesText: input.alternatives?.kind === 'offered' ? input.alternatives.text : undefined,
});

const toInput = (terms: LineTerms, values: LineValues): PlanInput => {
  // The form's rule has checked the teeth; an empty box means no particular tooth.
  const parsed = parseTeeth(values.teeth ?? '');
  const teeth = parsed.ok && parsed.teeth.length > 0 ? { teeth: parsed.teeth } : {};
  if (!needsConsent(terms.coverage)) return { quantity: values.quantity, ...teeth };
  const alternatives =
    values.alternatives === 'none'
      ? ({ kind: 'none' } as const)
      : { kind: 'offered' as const, text: values.alternativesText?.trim() ?? '' };
  return { quantity: values.quantity, ...teeth, reason: values.reason?.trim(), alternatives };
};

const Amount = ({
  terms,
  quantity,
  settlement,
}: {
  terms: LineTerms;
  quantity: number | undefined;
} & SettlementTerms) => {
  const { t } = useTranslation();
  const line = { ...terms, quantity: Number.isInteger(quantity) && quantity! > 0 ? quantity! : 0 };
  return (
    <Flex gap={16} wrap align="baseline" data-testid="line-amount">
      <Typography.Text>
        {t('consents.line.amount', {
          quantity: line.quantity,
          price: formatYuan(fen(terms.priceFen)),
          total: formatYuan(lineTotal(line)),
        })}
      </Typography.Text>
      <Typography.Text strong data-testid="line-self-pay">
        {t('consents.line.selfPay', { amount: formatYuan(selfPayFen(line, { settlement })) })}
      </Typography.Text>
    </Flex>
  );
};

/**
 * One line of the plan: quantity, and for a 乙类 or 自费 item the reason and the alternatives,
 * where "none" is a choice the clinician makes, never an empty box. The amount follows every key.
 */
export const PlanLineDialog = ({
  open,
  target,
  settlement,
  onSubmit,
  onClose,
  afterClose,
}: {
  open: boolean;
  target: LineTarget | undefined;
  settlement: SettlementTerms['settlement'];
  onSubmit: (input: PlanInput) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<LineValues>();
  const quantity = Form.useWatch('quantity', form);
  const kind = Form.useWatch('alternatives', form);
  const terms = target?.terms;
  const consent = terms ? needsConsent(terms.coverage) : false;
  const required = { required: true, whitespace: true, message: t('consents.signing.required') };
  return (
    <FormModal<LineValues>
      open={open}
      title={t(target?.mode === 'edit' ? 'consents.line.editTitle' : 'consents.line.addTitle')}
      form={form}
      fields={consent ? ['reason', 'quantity', 'teeth', 'alternatives'] : ['quantity', 'teeth']}
      submitText={t(target?.mode === 'edit' ? 'consents.line.save' : 'consents.line.add')}
      submitTestId="plan-line-submit"
      confirmDiscard
      initialValues={toValues(target?.initial)}
      onSubmit={(values) => onSubmit(toInput(terms!, values))}
      onClose={onClose}
      afterClose={afterClose}
    >
      {terms && (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{terms.code}</Typography.Text>
            <Typography.Text strong data-testid="line-name">
              {terms.name}
            </Typography.Text>
            <CoverageTag entry={terms} />
          </Flex>
          {terms.restriction && (
            <Typography.Text type="warning">
              {t('consents.line.restriction', { text: terms.restriction })}
            </Typography.Text>
          )}
          <Alert
            type={consent || settlement === 'self-pay' ? 'warning' : 'info'}
            showIcon
            title={t(coverageNote(consent, settlement))}
          />
        </Flex>
      )}
      <Form.Item name="quantity" label={t('consents.line.quantity')} rules={[{ required: true }]}>
        <InputNumber min={1} max={QUANTITY_MAX} precision={0} data-testid="line-quantity" />
      </Form.Item>
      {terms && <Amount terms={terms} quantity={quantity} settlement={settlement} />}
      <Form.Item
        name="teeth"
        label={t('consents.line.teeth')}
        extra={t('consents.line.teethHint')}
        style={{ marginTop: 16 }}
        rules={[
          {
            validator: async (_, value?: string) => {
              const parsed = parseTeeth(value ?? '');
              if (!parsed.ok)
                throw new Error(t('consents.line.teethInvalid', { tooth: parsed.invalid }));
            },
          },
        ]}
      >
        <Input
          placeholder={t('consents.line.teethPlaceholder')}
          autoComplete="off"
          style={{ maxWidth: 240 }}
          data-testid="line-teeth"
        />
      </Form.Item>
      {consent && (
        <>
          <Form.Item
            name="reason"
            label={t('consents.line.reason')}
            rules={[required]}
            style={{ marginTop: 16 }}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={PLAN_TEXT_MAX}
              placeholder={t('consents.line.reasonPlaceholder')}
              data-testid="line-reason"
            />
          </Form.Item>
          <Form.Item
            name="alternatives"
            label={t('consents.line.alternatives')}
            rules={[{ required: true, message: t('consents.line.chooseAlternatives') }]}
          >
            <Radio.Group data-testid="line-alternatives">
              <Radio value="offered">{t('consents.line.offered')}</Radio>
              <Radio value="none">{t('consents.line.none')}</Radio>
            </Radio.Group>
          </Form.Item>
          {kind === 'offered' && (
            <Form.Item
              name="alternativesText"
              label={t('consents.line.alternativesText')}
              rules={[required]}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 3 }}
                maxLength={PLAN_TEXT_MAX}
                placeholder={t('consents.line.alternativesPlaceholder')}
                data-testid="line-alternatives-text"
              />
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
};
