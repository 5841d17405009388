import { Button, Col, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { today } from '../../../../shared/clock/calendar-date';
import { idDocumentTypeSchema, type IdDocumentType } from '../../../../shared/identity/id-number';
import { relationSchema, type Relation } from '../../../../shared/identity/relation';
import { isMinor, type PatientInput } from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { PatientField } from './patient-field';

/**
 * The guardian of a child (under 18): shown, and required, as soon as the birth date says so. An
 * adult who cannot sign for themselves may have one too, added with a click. The guardian is
 * offered as the signer of the patient's self-pay notices.
 */
export const GuardianFields = () => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const { control } = useFormContext<PatientInput>();
  const [birthDate, guardian] = useWatch({ control, name: ['birthDate', 'guardian'] });
  const minor = isMinor(birthDate, today(clock));
  const recorded = !!(guardian?.name || guardian?.phone || guardian?.relation);
  const [added, setAdded] = useState(false);

  if (!minor && !recorded && !added)
    return (
      <Button type="link" style={{ padding: 0, marginBottom: 16 }} onClick={() => setAdded(true)}>
        {t('patients.guardian.add')}
      </Button>
    );
  return (
    <section data-testid="guardian-fields">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('patients.guardian.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(minor ? 'patients.guardian.minorHelp' : 'patients.guardian.adultHelp')}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={8}>
          <PatientField
            name="guardian.name"
            label={t('patients.guardian.name')}
            required
            render={(field, id) => <Input {...field} id={id} autoComplete="off" maxLength={60} />}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="guardian.relation"
            label={t('patients.guardian.relation')}
            required
            render={(field, id) => (
              <Select<Relation>
                id={id}
                value={field.value}
                onBlur={field.onBlur}
                ref={field.ref}
                onChange={field.onChange}
                data-testid="guardian-relation"
                options={relationSchema.options.map((r) => ({
                  value: r,
                  label: t(`consents.relations.${r}`),
                }))}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="guardian.phone"
            label={t('patients.guardian.phone')}
            required
            render={(field, id) => (
              <Input
                {...field}
                id={id}
                autoComplete="off"
                inputMode="tel"
                maxLength={20}
                placeholder={t('patients.placeholders.phone')}
              />
            )}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <PatientField
            name="guardian.idType"
            label={t('patients.guardian.idType')}
            render={(field, id) => (
              <Select<IdDocumentType>
                id={id}
                value={field.value ?? 'resident'}
                onBlur={field.onBlur}
                ref={field.ref}
                onChange={field.onChange}
                options={idDocumentTypeSchema.options.map((type) => ({
                  value: type,
                  label: t(`patients.idTypes.${type}`),
                }))}
              />
            )}
          />
        </Col>
        <Col span={16}>
          <PatientField
            name="guardian.idNumber"
            label={t('patients.guardian.idNumber')}
            extra={t('patients.guardian.idNumberHelp')}
            render={(field, id) => (
              <Input {...field} id={id} autoComplete="off" spellCheck={false} maxLength={30} />
            )}
          />
        </Col>
      </Row>
    </section>
  );
};
