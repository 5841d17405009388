import { InboxOutlined } from '@ant-design/icons';
import { Alert, Flex, Spin, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileState } from './use-import-file';

/** Where the officer drops the file; a file that cannot be read says why, and another can follow. */
export const FileChooser = ({
  state,
  onChoose,
}: {
  state: Exclude<FileState, { status: 'loaded' }>;
  onChoose: (file: File) => void;
}) => {
  const { t } = useTranslation();
  if (state.status === 'reading')
    return (
      <Flex justify="center" align="center" gap="middle" style={{ padding: 48 }}>
        <Spin />
        <Typography.Text>{t('catalogue.dialog.reading', { file: state.fileName })}</Typography.Text>
      </Flex>
    );
  return (
    <Flex vertical gap="middle">
      {state.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="import-file-failed"
          title={state.fileName}
          description={t(`catalogue.fileProblems.${state.reason}`)}
        />
      )}
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,.xls"
        multiple={false}
        showUploadList={false}
        // Read in the page, never uploaded anywhere: returning false stops antd's upload.
        beforeUpload={(file) => {
          onChoose(file);
          return false;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('catalogue.dialog.choose')}</p>
        <p className="ant-upload-hint">{t('catalogue.dialog.chooseHint')}</p>
      </Upload.Dragger>
    </Flex>
  );
};
