import { Col, Input, Radio, Row } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { insuranceSchemeSchema } from '../../../../shared/patients/patient';
import { ProvinceSelect } from '../../ui/province-select';
import { PatientField } from './patient-field';

/**
 * Notes are sentences, so they get a text area; Enter still submits like every other box
 * (Shift+Enter for a new line), but not while a Chinese input method is choosing characters.
 */
const submitOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
  if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
};

/** How the patient is insured (PRODUCT.md §1.2): scheme, 参保地, card, prior reimbursements. */
export const InsuranceFields = () => {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={16}>
        <Col span={24}>
          <PatientField
            name="scheme"
            label={t('patients.fields.scheme')}
            required
            render={(field, id) => (
              <Radio.Group
                id={id}
                optionType="button"
                value={field.value}
                onChange={(event) => field.onChange(event.target.value)}
                options={insuranceSchemeSchema.options.map((scheme) => ({
                  value: scheme,
                  label: t(`patients.schemes.${scheme}`),
                }))}
              />
            )}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <PatientField
            name="insuredRegion.province"
            label={t('patients.fields.province')}
            render={(field, id) => (
              <ProvinceSelect
                id={id}
                ref={field.ref}
                value={field.value || undefined}
                onChange={(value?: string) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                allowClear
                placeholder={t('patients.placeholders.province')}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="insuredRegion.city"
            label={t('patients.fields.city')}
            render={(field, id) => (
              <Input
                {...field}
                id={id}
                autoComplete="off"
                maxLength={40}
                placeholder={t('patients.placeholders.city')}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="cardNumber"
            label={t('patients.fields.cardNumber')}
            render={(field, id) => (
              <Input
                {...field}
                id={id}
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                placeholder={t('patients.placeholders.cardNumber')}
              />
            )}
          />
        </Col>
      </Row>
      <PatientField
        name="priorReimbursements"
        label={t('patients.fields.priorReimbursements')}
        render={(field, id) => (
          <Input
            {...field}
            id={id}
            autoComplete="off"
            maxLength={500}
            placeholder={t('patients.placeholders.priorReimbursements')}
          />
        )}
      />
      <PatientField
        name="notes"
        label={t('patients.fields.notes')}
        render={(field, id) => (
          <Input.TextArea
            {...field}
            id={id}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={2000}
            placeholder={t('patients.placeholders.notes')}
            onKeyDown={submitOnEnter}
          />
        )}
      />
    </>
  );
};
