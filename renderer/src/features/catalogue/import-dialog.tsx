import { Alert, App, Button, DatePicker, Flex, Form, Modal, Progress, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import { today } from '../../../../shared/clock/calendar-date';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { importCatalogue, type ImportProgress } from '../../db/catalogue';
import { actorOf } from '../../db/staff';
import { errorMessage } from '../../ui/error-message';
import { FileChooser } from './file-chooser';
import { ImportPreview } from './import-preview';
import { useImportFile } from './use-import-file';

type Values = { effectiveFrom: Dayjs };

/** Keys are the slower half on a typical PC; the bar gives each phase half its length. */
const percentOf = (p: ImportProgress) =>
  Math.round(((p.phase === 'keys' ? 0 : 0.5) + (p.done / Math.max(p.total, 1)) * 0.5) * 100);

/**
 * Choose a file → see every row and problem → pick the effective date → import. The import button
 * stays disabled while the file has any problem: a bad file changes nothing.
 */
export const ImportDialog = ({
  open,
  onClose,
  afterClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
  onImported: (version: CatalogueVersion) => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { state, choose, reset } = useImportFile();
  const [progress, setProgress] = useState<ImportProgress>();
  const [failure, setFailure] = useState<string>();
  const loaded = state.status === 'loaded' ? state : undefined;
  const fileDate = loaded?.parse.effectiveFrom;
  const ready = !!loaded && loaded.parse.errorCount === 0 && loaded.parse.entries.length > 0;

  useEffect(() => {
    form.setFieldsValue({ effectiveFrom: dayjs(fileDate ?? today(services.clock)) });
  }, [form, fileDate, services.clock, loaded]);

  const submit = async ({ effectiveFrom }: Values) => {
    if (!loaded || !ready) return;
    setFailure(undefined);
    setProgress({ phase: 'keys', done: 0, total: loaded.parse.entries.length });
    try {
      const version = await importCatalogue(
        services,
        actorOf(me),
        {
          fileName: loaded.fileName,
          fileHash: loaded.fileHash,
          effectiveFrom: effectiveFrom.format('YYYY-MM-DD'),
          entries: loaded.parse.entries,
        },
        setProgress,
      );
      void message.success(
        t('catalogue.dialog.done', { count: version.itemCount, date: version.effectiveFrom }),
      );
      onImported(version);
      onClose();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setProgress(undefined);
    }
  };

  const busy = progress !== undefined;
  return (
    <Modal
      open={open}
      title={t('catalogue.dialog.title')}
      width={1080}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      keyboard={!busy}
      mask={{ closable: false }}
      afterClose={afterClose}
      destroyOnHidden
      footer={(_, { CancelBtn }) => (
        <>
          <CancelBtn />
          <Button
            type="primary"
            disabled={!ready}
            loading={busy}
            onClick={() => form.submit()}
            data-testid="import-submit"
          >
            {loaded && loaded.parse.entries.length > 0
              ? t('catalogue.dialog.submit', { count: loaded.parse.entries.length })
              : t('catalogue.dialog.submitNone')}
          </Button>
        </>
      )}
    >
      <Flex vertical gap="middle">
        {state.status === 'loaded' ? (
          <>
            <div>
              <Button onClick={reset} disabled={busy} data-testid="import-another">
                {t('catalogue.dialog.another')}
              </Button>
            </div>
            <ImportPreview file={state} />
          </>
        ) : (
          <FileChooser state={state} onChoose={(file) => void choose(file)} />
        )}
        <Form<Values>
          // A div, not a <form>: Enter in the date box must not start a 20,000-row import.
          component="div"
          name="catalogue-import"
          form={form}
          layout="inline"
          onFinish={submit}
          style={{ display: ready ? undefined : 'none' }}
        >
          <Form.Item
            name="effectiveFrom"
            label={t(
              fileDate ? 'catalogue.dialog.effectiveFromFile' : 'catalogue.dialog.effectiveFrom',
            )}
            extra={t('catalogue.dialog.effectiveFromHint')}
            rules={[{ required: true, message: t('catalogue.problems.required') }]}
          >
            <DatePicker
              allowClear={false}
              disabled={!!fileDate || busy}
              data-testid="import-effective-from"
            />
          </Form.Item>
        </Form>
        {progress && (
          <div data-testid="import-progress">
            <Typography.Text type="secondary">
              {t(
                progress.phase === 'keys'
                  ? 'catalogue.dialog.progressKeys'
                  : 'catalogue.dialog.progressWrite',
                progress,
              )}
            </Typography.Text>
            <Progress percent={percentOf(progress)} status="active" />
          </div>
        )}
        {failure && <Alert type="error" showIcon role="alert" title={failure} />}
      </Flex>
    </Modal>
  );
};
