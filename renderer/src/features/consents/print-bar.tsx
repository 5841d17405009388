import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperSize, PrintOutcome } from '../../../../shared/bridge/platform-bridge';
import type { NoticeContent } from '../../../../shared/consents/consent';
import { useServices } from '../../app/services';
import { errorMessage } from '../../ui/error-message';
import { pdfFileName } from './notice-words';

/** Paper size, Print and Save as PDF; refused for a notice that failed its check. */
export const PrintBar = (props: {
  content: NoticeContent;
  paper: PaperSize;
  onPaper: (paper: PaperSize) => void;
  blocked: boolean;
}) => {
  const { t } = useTranslation();
  const { bridge } = useServices();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const tell = (outcome: PrintOutcome) => {
    if (outcome.outcome === 'saved')
      void message.success(t('notice.printing.saved', { path: outcome.path }));
    else if (outcome.outcome === 'printed') void message.success(t('notice.printing.printed'));
    else if (outcome.outcome === 'cancelled') void message.info(t('notice.printing.cancelled'));
    else void message.info(t('notice.printing.browserDialog'), 8);
  };
  const run = async (job: () => Promise<PrintOutcome>) => {
    setBusy(true);
    try {
      // The glyphs of the Chinese font arrive in pieces; print only once all of them are here.
      await document.fonts.ready;
      tell(await job());
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <Typography.Text>{t('notice.paper')}</Typography.Text>
      <Segmented<PaperSize>
        options={['A4', 'A5']}
        value={props.paper}
        onChange={props.onPaper}
        data-testid="notice-paper"
      />
      <Button
        type="primary"
        icon={<PrinterOutlined />}
        disabled={props.blocked}
        loading={busy}
        onClick={() => void run(() => bridge.print({ pageSize: props.paper }))}
      >
        {t('notice.print')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        disabled={props.blocked}
        loading={busy}
        onClick={() =>
          void run(() =>
            bridge.printToPdf({ pageSize: props.paper, fileName: pdfFileName(props.content) }),
          )
        }
      >
        {t('notice.savePdf')}
      </Button>
      {props.blocked && (
        <Typography.Text type="danger">{t('notice.printing.blocked')}</Typography.Text>
      )}
    </Space>
  );
};
