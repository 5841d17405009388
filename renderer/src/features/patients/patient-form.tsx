import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Col, Form, Row, Space } from 'antd';
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProvider, useForm } from 'react-hook-form';
import { today } from '../../../../shared/clock/calendar-date';
import { AppError } from '../../../../shared/errors';
import {
  patientInputSchema,
  type PatientDetails,
  type PatientInput,
} from '../../../../shared/patients/patient-input';
import { useServices } from '../../app/services';
import { errorMessage } from '../../ui/error-message';
import { useDiscardPrompt } from '../../ui/use-discard-prompt';
import { useLeaveGuard } from '../../ui/leave-guard';
import { GuardianFields } from './guardian-fields';
import { IdentityFields } from './identity-fields';
import { InsuranceFields } from './insurance-fields';
import type { PatientFieldName } from './patient-field';

/** Refusals whose message is a problem code (see PatientProblem), said on its box. */
const PROBLEM_REASONS = new Set<string>([
  'invalid-input',
  'id-number-invalid',
  'identity-mismatch',
]);

/** The form's boxes as the repository names them when it blames one. */
const FIELDS = new Set<string>([
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'phone',
  'insuredRegion.province',
  'insuredRegion.city',
  'scheme',
  'cardNumber',
  'priorReimbursements',
  'notes',
  'guardian.name',
  'guardian.relation',
  'guardian.phone',
  'guardian.idType',
  'guardian.idNumber',
]);

export const emptyPatientInput = (): PatientInput => ({
  name: '',
  sex: undefined,
  birthDate: '',
  idType: 'resident',
  idNumber: '',
  phone: '',
  insuredRegion: { province: '', city: '' },
  scheme: undefined,
  cardNumber: '',
  priorReimbursements: '',
  notes: '',
  guardian: { name: '', relation: undefined, phone: '', idType: 'resident', idNumber: '' },
});

export type PatientFormProps = {
  defaultValues: PatientInput;
  autoFocus: boolean;
  submitText: string;
  cancelText: string;
  /**
   * Gets what was typed once the form's own checks pass; throws to refuse. `acceptDuplicates` is
   * true only when the person pressed the duplicate warning's own button.
   */
  onSubmit: (
    input: PatientInput,
    details: PatientDetails,
    acceptDuplicates: boolean,
  ) => Promise<void>;
  /** Leaves the form: 取消 or Esc, after 放弃 when something was typed. */
  onCancel: () => void;
  /** Something not in the boxes is unsaved too (a photo taken): leaving asks first. */
  unsavedBesides?: boolean;
  /** Beside the boxes: the photo. */
  aside?: ReactNode;
  /**
   * Above the buttons: the duplicate warning, given the way to submit the form as it stands with
   * duplicates accepted. Not a submit button: Enter in a box must never mean "register anyway".
   */
  notice?: (submitAcceptingDuplicates: () => void) => ReactNode;
};

/**
 * Registration and its later changes: one form, checked by the schema the repository uses.
 * Enter submits from any box, Esc leaves; a refusal is explained on the box it concerns.
 */
export const PatientForm = ({
  defaultValues,
  autoFocus,
  submitText,
  cancelText,
  onSubmit,
  onCancel,
  unsavedBesides = false,
  aside,
  notice,
}: PatientFormProps) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const resolver = useMemo(() => zodResolver(patientInputSchema(today(clock))), [clock]);
  const form = useForm<PatientInput, unknown, PatientDetails>({
    resolver,
    defaultValues,
    mode: 'onTouched',
  });
  const [failure, setFailure] = useState<string>();
  const askDiscard = useDiscardPrompt();
  const element = useRef<HTMLFormElement>(null);
  // Read while rendering, so react-hook-form keeps it up to date.
  const { isDirty } = form.formState;
  useLeaveGuard(isDirty || unsavedBesides);

  /** A registration is long to type again: leaving with typing in it asks first. */
  const leave = () => {
    if (isDirty || unsavedBesides) askDiscard(onCancel);
    else onCancel();
  };

  const escape = (event: KeyboardEvent<HTMLFormElement>) => {
    // An open list closes on Esc without letting it through; a dialog opened from the form (the
    // photo) is inside it for React but not on the page, and handles its own Esc.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (!element.current?.contains(event.target as Node)) return;
    event.preventDefault();
    // Not on to window: the prompt opened now listens there for Esc and would close at once.
    event.stopPropagation();
    leave();
  };

  const submit = async (details: PatientDetails, acceptDuplicates: boolean) => {
    setFailure(undefined);
    try {
      await onSubmit(form.getValues(), details, acceptDuplicates);
    } catch (error) {
      if (error instanceof AppError && error.field && FIELDS.has(error.field)) {
        form.setError(
          error.field as PatientFieldName,
          { message: PROBLEM_REASONS.has(error.reason) ? error.message : errorMessage(t, error) },
          { shouldFocus: true },
        );
      } else {
        setFailure(errorMessage(t, error));
      }
    }
  };

  return (
    <FormProvider {...form}>
      <form
        ref={element}
        onKeyDown={escape}
        onSubmit={form.handleSubmit((details) => submit(details, false))}
        noValidate
        data-testid="patient-form"
      >
        <Form layout="vertical" component={false}>
          <Row gutter={24} wrap={false}>
            <Col flex="auto">
              <IdentityFields autoFocus={autoFocus} />
              <GuardianFields />
              <InsuranceFields />
            </Col>
            {aside && <Col flex="240px">{aside}</Col>}
          </Row>
          {notice?.(() => void form.handleSubmit((details) => submit(details, true))())}
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure}
              role="alert"
              style={{ marginBottom: 16 }}
              data-testid="patient-form-failure"
            />
          )}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={form.formState.isSubmitting}
              data-testid="patient-submit"
            >
              {submitText}
            </Button>
            <Button onClick={leave} data-testid="patient-cancel">
              {cancelText}
            </Button>
          </Space>
        </Form>
      </form>
    </FormProvider>
  );
};
