import { Col, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { today } from '../../../../shared/clock/calendar-date';
import {
  idDocumentTypeSchema,
  parseIdNumber,
  type IdDocumentType,
} from '../../../../shared/identity/id-number';
import { sexSchema, type Sex } from '../../../../shared/identity/sex';
import { normalizeDateInput, type PatientInput } from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { PatientField } from './patient-field';

type Filled = { birthDate?: string; sex?: Sex };

/**
 * Name and identity document. A valid number fills birth date and sex when they are empty (or
 * were filled by it before); a value the person typed is never overwritten, so a contradiction
 * stays visible on its field instead of being silently "corrected".
 */
export const IdentityFields = ({ autoFocus }: { autoFocus: boolean }) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const { control, getValues, setValue, trigger } = useFormContext<PatientInput>();
  const [birthDate, sex] = useWatch({ control, name: ['birthDate', 'sex'] });
  const [filled, setFilled] = useState<Filled>({});

  const fillFromId = (idType: IdDocumentType | undefined, idNumber: string) => {
    if (!idType) return;
    const parsed = parseIdNumber(idType, idNumber, { today: today(clock) });
    if (!parsed.ok) return;
    const next: Filled = {};
    const { birthDate, sex } = getValues();
    if (parsed.birthDate && (!birthDate || birthDate === filled.birthDate)) {
      setValue('birthDate', parsed.birthDate);
      next.birthDate = parsed.birthDate;
    }
    if (parsed.sex && (!sex || sex === filled.sex)) {
      setValue('sex', parsed.sex);
      next.sex = parsed.sex;
    }
    setFilled(next);
    // Show (or clear) a contradiction with what was typed before the number.
    const typed = (['birthDate', 'sex'] as const).filter((f) => getValues(f));
    if (typed.length > 0) void trigger(typed);
  };

  const filledNote = (field: keyof Filled) => {
    const value = field === 'sex' ? sex : birthDate;
    return value && value === filled[field] ? t('patients.filledFromId') : undefined;
  };

  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <PatientField
            name="name"
            label={t('patients.fields.name')}
            required
            render={(field, id) => (
              <Input {...field} id={id} autoFocus={autoFocus} autoComplete="off" maxLength={60} />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="idType"
            label={t('patients.fields.idType')}
            required
            render={(field, id) => (
              <Select
                id={id}
                value={field.value}
                onBlur={field.onBlur}
                ref={field.ref}
                onChange={(value: IdDocumentType) => {
                  field.onChange(value);
                  if (getValues('idNumber')) {
                    void trigger('idNumber');
                    fillFromId(value, getValues('idNumber'));
                  }
                }}
                options={idDocumentTypeSchema.options.map((type) => ({
                  value: type,
                  label: t(`patients.idTypes.${type}`),
                }))}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="idNumber"
            label={t('patients.fields.idNumber')}
            required
            render={(field, id) => (
              <Input
                {...field}
                id={id}
                autoComplete="off"
                spellCheck={false}
                maxLength={30}
                placeholder={t('patients.placeholders.idNumber')}
                onChange={(event) => {
                  field.onChange(event.target.value);
                  fillFromId(getValues('idType'), event.target.value);
                }}
              />
            )}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <PatientField
            name="sex"
            label={t('patients.fields.sex')}
            required
            extra={filledNote('sex')}
            render={(field, id) => (
              <Radio.Group
                id={id}
                value={field.value}
                onChange={(event) => field.onChange(event.target.value)}
                options={sexSchema.options.map((sex) => ({
                  value: sex,
                  label: t(`patients.sex.${sex}`),
                }))}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="birthDate"
            label={t('patients.fields.birthDate')}
            required
            extra={filledNote('birthDate')}
            render={(field, id) => (
              <Input
                {...field}
                id={id}
                autoComplete="off"
                placeholder={t('patients.placeholders.birthDate')}
                onBlur={() => {
                  field.onChange(normalizeDateInput(field.value ?? ''));
                  field.onBlur();
                }}
              />
            )}
          />
        </Col>
        <Col span={8}>
          <PatientField
            name="phone"
            label={t('patients.fields.phone')}
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
    </>
  );
};
