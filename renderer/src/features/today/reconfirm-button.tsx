import { CheckCircleFilled } from '@ant-design/icons';
import { App, Button, Flex, Input, Popover, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/patients/patient';
import type { Reconfirmation } from '../../../../shared/visits/verification';
import { REASON_MAX } from '../../../../shared/visits/visit';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { actorOf } from '../../db/staff';
import { reconfirm } from '../../db/verifications';
import { errorMessage } from '../../ui/error-message';
import { clinicClock } from './clinic-clock';

type ReconfirmButtonProps = {
  visitId: string;
  patient: Pick<Patient, 'name'> | undefined;
  stage: Reconfirmation['stage'];
  done: Reconfirmation | undefined;
  allowed: boolean;
  /** Who a staff id is: read once by the table, not once per button (a day has hundreds). */
  staffName: (id: string | undefined) => string;
};

/**
 * The clinician's re-check before treatment, or the pharmacist's at dispensing (PRODUCT §1.5):
 * one click opens a note field with the focus in it; Enter records. Once done, who and when.
 */
export const ReconfirmButton = ({
  visitId,
  patient,
  stage,
  done,
  allowed,
  staffName,
}: ReconfirmButtonProps) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<InputRef>(null);

  if (done)
    return (
      <Typography.Text data-testid={`${stage}-done`}>
        <CheckCircleFilled style={{ color: '#16a34a' }} />{' '}
        {t('today.reconfirm.by', { name: staffName(done.by), time: clinicClock(done.at) })}
      </Typography.Text>
    );
  if (!allowed || !me) return <Typography.Text type="secondary">—</Typography.Text>;

  const record = async () => {
    setBusy(true);
    try {
      await reconfirm(services, actorOf(me), visitId, stage, note);
      void message.success(t('today.reconfirm.done', { name: patient?.name ?? '' }));
      setOpen(false);
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setTimeout(() => noteRef.current?.focus(), 0);
      }}
      trigger="click"
      title={t(
        stage === 'clinician'
          ? 'today.reconfirm.clinicianTitle'
          : 'today.reconfirm.pharmacistTitle',
      )}
      content={
        <Flex vertical gap={8} style={{ width: 280 }}>
          <Typography.Text>
            {t('today.reconfirm.body', { name: patient?.name ?? '' })}
          </Typography.Text>
          <Input
            ref={noteRef}
            value={note}
            maxLength={REASON_MAX}
            placeholder={t('today.reconfirm.note')}
            aria-label={t('today.reconfirm.note')}
            onChange={(event) => setNote(event.target.value)}
            onPressEnter={() => void record()}
            data-testid="reconfirm-note"
          />
          <Button
            type="primary"
            loading={busy}
            onClick={() => void record()}
            data-testid="reconfirm-submit"
          >
            {t('today.reconfirm.submit')}
          </Button>
        </Flex>
      }
    >
      <Button size="small" data-testid={`reconfirm-${stage}`}>
        {t(stage === 'clinician' ? 'today.reconfirm.clinician' : 'today.reconfirm.pharmacist')}
      </Button>
    </Popover>
  );
};
