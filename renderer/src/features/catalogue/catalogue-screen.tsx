import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import { versionInForce, type CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import { today } from '../../../../shared/clock/calendar-date';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { versionsNewestFirst } from '../../db/catalogue';
import { CatalogueBrowser } from './catalogue-browser';
import { ImportDialog } from './import-dialog';
import { ItemDialog, type ItemTarget } from './item-dialog';
import { VersionsTable, versionStatus } from './versions-table';
import './catalogue.css';

/**
 * The insurance catalogue: every version, and the items of the one in force today (or of the
 * version the officer picks). Importing a file, or adding or changing one item (a new version of
 * the one viewed), is for the insurance officer and the owner.
 */
export const CatalogueScreen = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const me = useSession((state) => state.staff)!;
  const versions = useLiveQuery(() => versionsNewestFirst(db), [db]);
  const [chosenId, setChosenId] = useState<string>();
  const [dialog, setDialog] = useState<'closed' | 'open' | 'closing'>('closed');
  // The base is kept: once saved, the screen shows the new version while the dialog fades out.
  const [item, setItem] = useState<{ target: ItemTarget; base: CatalogueVersion; open: boolean }>();
  const [saved, setSaved] = useState<{ versionId: string; code: string }>();
  const mayImport = can(me.roles, 'catalogue.import');
  const day = today(clock);

  const chosen =
    versions?.find((v) => v.id === chosenId) ??
    (versions && (versionInForce(versions, day) ?? versions[0]));
  // Changes go on the version in force or a coming one: a replaced version is history, and a
  // change to it could only be back-dated to the days before its successor.
  const mayChange =
    mayImport &&
    !!chosen &&
    versionStatus(chosen, versionInForce(versions!, day), day) !== 'replaced';
  const openItem = (target: ItemTarget) => chosen && setItem({ target, base: chosen, open: true });

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
          <Flex gap="small">
            {mayChange && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => openItem({ kind: 'add' })}
                data-testid="item-add"
              >
                {t('catalogueItem.add')}
              </Button>
            )}
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
            {chosen && (
              <CatalogueBrowser
                key={chosen.id}
                version={chosen}
                initialQuery={saved?.versionId === chosen.id ? saved.code : undefined}
                onEdit={
                  mayChange ? (edited) => openItem({ kind: 'edit', item: edited }) : undefined
                }
              />
            )}
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
      {item && versions && (
        <ItemDialog
          target={item.target}
          base={item.base}
          versions={versions}
          open={item.open}
          onClose={() => setItem({ ...item, open: false })}
          afterClose={() => setItem(undefined)}
          onSaved={(version, code) => {
            setSaved({ versionId: version.id, code });
            setChosenId(version.id);
          }}
        />
      )}
    </Card>
  );
};
