import { Alert, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { recoveryCodeMadeAt, renewRecoveryCode } from '../../db/recovery';
import { FormModal } from '../staff/form-modal';
import { RecoveryCodeSheet } from './recovery-code-sheet';

type Values = { currentPassword: string };

/**
 * Settings, for an owner: when their recovery code was made and a way to make a new one; a
 * warning when they have none (a clinic set up before recovery codes existed).
 */
export const RecoveryCard = () => {
  const me = useSession((state) => state.staff)!;
  return can(me.roles, 'staff.manage') ? <OwnerRecoveryCard me={me} /> : null;
};

const OwnerRecoveryCard = ({ me }: { me: Staff }) => {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const madeAt = useLiveQuery(() => recoveryCodeMadeAt(services.db, me.id), [services.db, me.id]);
  const [asking, setAsking] = useState(false);
  const [code, setCode] = useState<string>();
  const [form] = Form.useForm<Values>();
  if (madeAt === undefined) return null;

  const button = (
    <Button
      type={madeAt ? 'default' : 'primary'}
      onClick={() => setAsking(true)}
      data-testid="recovery-renew"
    >
      {t(madeAt ? 'recovery.card.renew' : 'recovery.card.create')}
    </Button>
  );
  return (
    <Card title={t('recovery.card.title')} data-testid="recovery-card">
      {madeAt ? (
        <Typography.Paragraph>
          {t('recovery.card.current', {
            date: new Date(madeAt).toLocaleDateString(i18n.language),
          })}
        </Typography.Paragraph>
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('recovery.card.missing')}
          description={t('recovery.card.missingText')}
          style={{ marginBottom: 16 }}
          data-testid="recovery-missing"
        />
      )}
      {button}
      <FormModal<Values>
        open={asking}
        title={t('recovery.card.dialogTitle')}
        form={form}
        fields={['currentPassword']}
        submitText={t('recovery.card.submit')}
        submitTestId="recovery-renew-submit"
        onSubmit={async ({ currentPassword }) =>
          setCode(await renewRecoveryCode(services, me.id, currentPassword))
        }
        onClose={() => setAsking(false)}
        afterClose={() => form.resetFields()}
      >
        <Typography.Paragraph>{t('recovery.card.dialogBody')}</Typography.Paragraph>
        <Form.Item
          name="currentPassword"
          label={t('recovery.card.password')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </FormModal>
      <Modal
        open={code !== undefined}
        title={t('recovery.title')}
        width={720}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={null}
        destroyOnHidden
      >
        {code && (
          <RecoveryCodeSheet
            shown={{ code, owner: me, occasion: 'renewed' }}
            onDone={() => setCode(undefined)}
          />
        )}
      </Modal>
    </Card>
  );
};
