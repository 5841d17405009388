import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import { versionInForce } from '../../../../shared/catalogue/catalogue';
import { today } from '../../../../shared/clock/calendar-date';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { versionsNewestFirst } from '../../db/catalogue';
import { CatalogueBrowser } from './catalogue-browser';
import { ImportDialog } from './import-dialog';
import { VersionsTable } from './versions-table';
import './catalogue.css';

/**
 * The insurance catalogue: every imported version, and the items of the one in force today (or
 * of the version the officer picks). Importing is for the insurance officer and the owner.
 */
export const CatalogueScreen = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const me = useSession((state) => state.staff)!;
  const versions = useLiveQuery(() => versionsNewestFirst(db), [db]);
  const [chosenId, setChosenId] = useState<string>();
  const [dialog, setDialog] = useState<'closed' | 'open' | 'closing'>('closed');
  const mayImport = can(me.role, 'catalogue.import');
  const day = today(clock);

  const chosen =
    versions?.find((v) => v.id === chosenId) ??
    (versions && (versionInForce(versions, day) ?? versions[0]));

  return (
    <Card>
      <Flex vertical gap="large">
        <Flex justify="space-between" align="start" gap="middle">
          <div>
            <Typography.Title level={3}>{t('catalogue.title')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('catalogue.intro')}
            </Typography.Paragraph>
          </div>
          {mayImport && (
            <Button
              type="primary"
              icon={<ImportOutlined />}
              onClick={() => setDialog('open')}
              data-testid="catalogue-import"
            >
              {t('catalogue.import')}
            </Button>
          )}
        </Flex>
        {versions && versions.length === 0 && (
          <Empty
            description={t(
              mayImport ? 'catalogue.versions.none' : 'catalogue.versions.noneReadOnly',
            )}
            data-testid="catalogue-empty"
          />
        )}
        {versions && versions.length > 0 && (
          <>
            <div>
              <Typography.Title level={5}>{t('catalogue.versions.title')}</Typography.Title>
              <VersionsTable
                versions={versions}
                today={day}
                selectedId={chosen?.id}
                onSelect={(version) => setChosenId(version.id)}
              />
            </div>
            {chosen && <CatalogueBrowser key={chosen.id} version={chosen} />}
          </>
        )}
      </Flex>
      {dialog !== 'closed' && (
        <ImportDialog
          open={dialog === 'open'}
          onClose={() => setDialog('closing')}
          afterClose={() => setDialog('closed')}
          onImported={(version) => setChosenId(version.id)}
        />
      )}
    </Card>
  );
};
