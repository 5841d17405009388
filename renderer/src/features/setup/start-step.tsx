import { ApiOutlined, CloudDownloadOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Radio, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { SETUP_ACTOR } from '../../db/system-actors';
import { useLanguage } from '../../i18n/use-language';
import { RestoreDialog } from '../backups/restore-dialog';
import { readHubLink } from '../../sync/engine';
import { JoinDialog } from '../sync/join-dialog';

/**
 * The wizard's first step: the language, then how to start. A new clinic goes on through the
 * wizard; a new PC restores the clinic's backup straight away (PRODUCT.md §5.3), with nothing
 * but the file and its passphrase, or joins the clinic's sync: no throwaway clinic, no account yet.
 */
export const StartStep = () => {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const [restoring, setRestoring] = useState(false);
  const [joining, setJoining] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  // Paired, its accounts not in yet (the desktop reloads the page once paired, and a PC may be
  // shut down halfway): the progress shows again until the login screen takes over.
  const { db } = useServices();
  const linked = useLiveQuery(async () => (await readHubLink(db)) !== undefined, [db]) ?? false;
  return (
    <>
      <Form.Item label={t('common.language')} extra={t('setup.languageHint')}>
        <Radio.Group value={language} onChange={(event) => setLanguage(event.target.value)}>
          <Radio.Button value="zh-CN">{t('common.languages.zh-CN')}</Radio.Button>
          <Radio.Button value="en">{t('common.languages.en')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Typography.Title level={5}>{t('setup.start.title')}</Typography.Title>
      <Flex gap="middle" align="stretch">
        <Card size="small" style={{ flex: 1 }} data-testid="setup-start-new">
          <Typography.Title level={5}>
            <ShopOutlined /> {t('setup.start.newTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('setup.start.newText')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit">
            {t('common.next')}
          </Button>
        </Card>
        <Card size="small" style={{ flex: 1 }} data-testid="setup-start-restore">
          <Typography.Title level={5}>
            <CloudDownloadOutlined /> {t('setup.start.restoreTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('setup.start.restoreText')}
          </Typography.Paragraph>
          <Button onClick={() => setRestoring(true)} data-testid="setup-restore">
            {t('setup.start.restoreButton')}
          </Button>
        </Card>
      </Flex>
      <Card size="small" style={{ marginTop: 16 }} data-testid="setup-start-join">
        <Typography.Title level={5}>
          <ApiOutlined /> {t('sync.join.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('sync.join.text')}</Typography.Paragraph>
        <Button onClick={() => setJoining(true)} data-testid="setup-join">
          {t('sync.join.button')}
        </Button>
      </Card>
      <JoinDialog
        open={joining || (linked && !dismissed)}
        linked={linked}
        onClose={() => {
          setJoining(false);
          setDismissed(true);
        }}
      />
      <RestoreDialog open={restoring} onClose={() => setRestoring(false)} actor={SETUP_ACTOR} />
    </>
  );
};
