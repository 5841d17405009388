import { Alert, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiscardPrompt } from '../../ui/use-discard-prompt';
import { placeFailure } from './form-failure';

export type FormModalProps<V> = {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Fields that can carry a repository's refusal; the first one gets the focus on opening. */
  fields: readonly (keyof V & string)[];
  submitText: string;
  submitTestId: string;
  danger?: boolean;
  /** For a form with boxes side by side; antd's 520 px otherwise. */
  width?: number;
  /** For a tall form: centred, it keeps its buttons on a 768-pixel screen. */
  centered?: boolean;
  /** For a long form: Esc or × after typing asks before throwing the typing away. */
  confirmDiscard?: boolean;
  initialValues?: Partial<V>;
  /** Throws to refuse: the sentence goes on the blamed field, or above the buttons. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  afterClose: () => void;
  children: ReactNode;
};

/**
 * A dialog that is one form: Enter submits, Esc cancels, the first field has the focus, and a
 * refusal is explained where it belongs. A stray click outside does not throw away what was typed,
 * and with `confirmDiscard` neither does Esc.
 */
export const FormModal = <V extends object>({
  open,
  title,
  form,
  fields,
  submitText,
  submitTestId,
  danger = false,
  width,
  centered,
  confirmDiscard = false,
  initialValues,
  onSubmit,
  onClose,
  afterClose,
  children,
}: FormModalProps<V>) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const askDiscard = useDiscardPrompt();

  const cancel = () => {
    if (!confirmDiscard || !form.isFieldsTouched()) {
      onClose();
      return;
    }
    askDiscard(onClose);
  };

  const finish = async (values: V) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      const placed = placeFailure(t, error, fields);
      if (placed.field) form.setFields([{ name: placed.field as never, errors: [placed.message] }]);
      else setFailure(placed.message);
    } finally {
      setBusy(false);
    }
  };

  const focusFirstField = (opened: boolean) => {
    const first = fields[0];
    // The dialog focuses itself when its opening animation ends; the first field takes it over,
    // unless a quick typist is already in a field: their keystrokes must not land elsewhere.
    const typing = document.activeElement?.matches('input, textarea') ?? false;
    if (opened && first && !typing)
      (form.getFieldInstance(first as never) as { focus?: () => void } | undefined)?.focus?.();
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      centered={centered}
      onCancel={cancel}
      afterClose={afterClose}
      afterOpenChange={focusFirstField}
      destroyOnHidden
      mask={{ closable: false }}
      footer={(_, { CancelBtn }) => (
        <>
          <CancelBtn />
          <Button
            type="primary"
            danger={danger}
            htmlType="submit"
            loading={busy}
            data-testid={submitTestId}
          >
            {submitText}
          </Button>
        </>
      )}
      modalRender={(dialog) => (
        <Form<V>
          // Unique ids: the page underneath may hold a field of the same name.
          name={submitTestId}
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          clearOnDestroy
          onFinish={finish}
        >
          {dialog}
        </Form>
      )}
    >
      {children}
      {failure && (
        <Alert type="error" showIcon title={failure} role="alert" data-testid="dialog-failure" />
      )}
    </Modal>
  );
};
