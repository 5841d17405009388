import { Form } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Controller,
  useFormContext,
  useWatch,
  type ControllerRenderProps,
  type Path,
} from 'react-hook-form';
import { today } from '../../../../shared/clock/calendar-date';
import type { PatientInput } from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { problemText } from './problem-text';

export type PatientFieldName = Path<PatientInput>;

/** Ids tie each label to its box, so "姓名" finds the name box for people and tests alike. */
export const fieldId = (name: PatientFieldName) => `patient-${name.replaceAll('.', '-')}`;

type PatientFieldProps<N extends PatientFieldName> = {
  name: N;
  label: string;
  required?: boolean;
  extra?: ReactNode;
  render: (field: ControllerRenderProps<PatientInput, N>, id: string) => ReactElement;
};

/** One labelled box of the patient form, its problem said in words under it. */
export const PatientField = <N extends PatientFieldName>({
  name,
  label,
  required = false,
  extra,
  render,
}: PatientFieldProps<N>) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const { control } = useFormContext<PatientInput>();
  const [patientIdType, patientIdNumber, guardianIdType, guardianIdNumber] = useWatch({
    control,
    name: ['idType', 'idNumber', 'guardian.idType', 'guardian.idNumber'],
  });
  // A guardian's box is explained by the guardian's document, not the patient's.
  const [idType, idNumber] = name.startsWith('guardian.')
    ? [guardianIdType ?? 'resident', guardianIdNumber]
    : [patientIdType, patientIdNumber];
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          htmlFor={fieldId(name)}
          required={required}
          validateStatus={fieldState.error ? 'error' : undefined}
          help={
            fieldState.error?.message
              ? problemText(t, fieldState.error.message, {
                  idType,
                  idNumber: idNumber ?? '',
                  today: today(clock),
                })
              : undefined
          }
          extra={extra}
        >
          {render(field, fieldId(name))}
        </Form.Item>
      )}
    />
  );
};
