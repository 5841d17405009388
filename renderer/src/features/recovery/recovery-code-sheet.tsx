import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { readSetting } from '../../db/settings';
import { errorMessage } from '../../ui/error-message';
import { RecoveryPrint } from './recovery-print';
import './recovery.css';

export type ShownCode = {
  code: string;
  owner: Pick<Staff, 'displayName' | 'username'>;
  /** Why the code is shown: after setup, after a password was set with the old one, or renewed. */
  occasion: 'setup' | 'recovered' | 'renewed';
};

const INTRO = {
  setup: 'recovery.introSetup',
  recovered: 'recovery.introRecovered',
  renewed: 'recovery.introRenewed',
} as const;

/**
 * A new recovery code, shown this once: what it is for, that nothing else can recover a forgotten
 * password, a print button, and no way on until the owner says it is written down or printed.
 */
export const RecoveryCodeSheet = ({ shown, onDone }: { shown: ShownCode; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { bridge, db, clock } = useServices();
  const clinic = useLiveQuery(() => readSetting(db, 'clinic'), [db]);
  const [madeAt] = useState(() => new Date(clock.now()));
  const [written, setWritten] = useState(false);
  const [printing, setPrinting] = useState(false);
  const { code, owner } = shown;

  const print = async () => {
    setPrinting(true);
    try {
      // The glyphs of the Chinese font arrive in pieces; print only once all of them are here.
      await document.fonts.ready;
      const { outcome } = await bridge.print({ pageSize: 'A4' });
      if (outcome === 'browser-dialog' || outcome === 'printed')
        void message.info(t('recovery.printHint'), 8);
      else if (outcome === 'cancelled') void message.info(t('notice.printing.cancelled'));
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <>
      <Typography.Paragraph>
        {t(INTRO[shown.occasion], { name: owner.displayName, username: owner.username })}
      </Typography.Paragraph>
      <div className="recovery-code" data-testid="recovery-code">
        {code}
      </div>
      <Alert
        type="warning"
        showIcon
        title={t('recovery.onceOnly')}
        description={<strong>{t('recovery.nothingElse')}</strong>}
        style={{ marginBottom: 16 }}
      />
      <Flex gap="middle" align="center" wrap>
        <Button icon={<PrinterOutlined />} loading={printing} onClick={() => void print()}>
          {t('recovery.print')}
        </Button>
        <Checkbox
          checked={written}
          onChange={(event) => setWritten(event.target.checked)}
          data-testid="recovery-written"
        >
          {t('recovery.confirm')}
        </Checkbox>
        <Button
          type="primary"
          disabled={!written}
          onClick={onDone}
          style={{ marginLeft: 'auto' }}
          data-testid="recovery-continue"
        >
          {t('recovery.continue')}
        </Button>
      </Flex>
      <RecoveryPrint
        code={code}
        clinic={clinic?.name ?? ''}
        name={owner.displayName}
        username={owner.username}
        madeAt={madeAt}
      />
    </>
  );
};

/** The sheet as a page of its own: after setup, and after a password was set with the code. */
export const RecoveryCodeScreen = ({
  shown,
  header,
  onDone,
}: {
  shown: ShownCode;
  /** Above the title: the setup wizard's steps, when the code ends the first run. */
  header?: ReactNode;
  onDone: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <div className="centered-page">
      <Card style={{ width: 720 }}>
        {header}
        <Typography.Title level={3}>{t('recovery.title')}</Typography.Title>
        <RecoveryCodeSheet shown={shown} onDone={onDone} />
      </Card>
    </div>
  );
};
