import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import type { GuardedChange } from '../../db/backup-settings';
import { actorOf } from '../../db/staff';
import { backupHost } from '../../platform/backup-host';
import { errorMessage } from '../../ui/error-message';

/**
 * Which guarded change the owner is confirming: the dialog names it. `restore`: a backup whose
 * key is not this clinic's (hardening item 10); `oldStore`: deleting the data a restore replaced
 * (item 14).
 */
export type GuardedWhat = 'settings' | 'passphrase' | 'folder' | 'restore' | 'oldStore';

type Request = { what: GuardedWhat; run: (change: GuardedChange) => Promise<void> };

/**
 * Every change of a backup setting asks for the owner's own password first (hardening item 12),
 * and so does deleting an old store (item 14).
 * `ask` opens the dialog; `run` gets the change to pass to the repository and may fail: a wrong
 * or throttled password keeps the dialog open with the reason under the box, anything else
 * closes it with a message.
 */
export const useOwnerPassword = (): {
  ask: (what: GuardedWhat, run: Request['run']) => void;
  dialog: ReactNode;
} => {
  const [request, setRequest] = useState<Request>();
  return {
    ask: (what, run) => setRequest({ what, run }),
    dialog: <OwnerPasswordDialog request={request} onClose={() => setRequest(undefined)} />,
  };
};

/** The dialog's sentences for what is confirmed: a restore and a deletion say what is at stake. */
const guardWords = (what: GuardedWhat | undefined) => {
  if (what === 'restore')
    return {
      why: 'backups.guard.whyRestore',
      wrong: 'backups.guard.wrongRestore',
      confirm: 'backups.guard.confirmRestore',
    } as const;
  if (what === 'oldStore')
    return {
      why: 'backups.guard.deleteWhy',
      wrong: 'backups.guard.wrongDelete',
      confirm: 'backups.guard.confirmDelete',
    } as const;
  return {
    why: 'backups.guard.why',
    wrong: 'backups.guard.wrong',
    confirm: 'backups.guard.confirm',
  } as const;
};

const OwnerPasswordDialog = ({
  request,
  onClose,
}: {
  request: Request | undefined;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const services = useServices();
  const me = useSession((state) => state.staff);
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const words = guardWords(request?.what);

  const submit = async ({ password }: { password: string }) => {
    if (!request || !me) return;
    setBusy(true);
    try {
      await request.run({ ctx: services, actor: actorOf(me), host: backupHost(), password });
      onClose();
    } catch (error) {
      const reason = error instanceof AppError ? error.reason : undefined;
      if (reason === 'wrong-password' || reason === 'password-throttled')
        form.setFields([
          {
            name: 'password',
            value: '',
            errors: [reason !== 'wrong-password' ? errorMessage(t, error) : t(words.wrong)],
          },
        ]);
      else {
        void message.error(errorMessage(t, error));
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={request !== undefined}
      title={t('backups.guard.title')}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={null}
    >
      <Form
        form={form}
        name="owner-password"
        layout="vertical"
        requiredMark={false}
        clearOnDestroy
        onFinish={submit}
      >
        <Typography.Paragraph strong data-testid="owner-password-what">
          {request && t(`backups.guard.what.${request.what}`)}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t(words.why)}</Typography.Paragraph>
        <Form.Item
          name="password"
          label={t('backups.guard.password')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" data-testid="owner-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Button onClick={onClose} style={{ marginRight: 8 }}>
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            data-testid="owner-password-confirm"
          >
            {t(words.confirm)}
          </Button>
        </Form.Item>
      </Form>
    </Modal>
  );
};
