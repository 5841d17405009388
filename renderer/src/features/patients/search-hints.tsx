import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const HINTS = ['name', 'pinyin', 'initials', 'phone', 'idTail'] as const;

/** The empty box says what it understands, so nobody has to guess the search syntax. */
export const SearchHints = () => {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="patient-search-hints"
      title={t('patients.search.hintTitle')}
      description={
        <>
          {t('patients.search.hintBody')}
          <ul className="patient-hints">
            {HINTS.map((hint) => (
              <li key={hint}>{t(`patients.search.hints.${hint}`)}</li>
            ))}
          </ul>
        </>
      }
    />
  );
};

const Key = ({ children }: { children: string }) => (
  <Typography.Text keyboard type="secondary">
    {children}
  </Typography.Text>
);

/** The keys the list answers to, as key caps. */
export const KeyHints = ({ register }: { register: boolean }) => {
  const { t } = useTranslation();
  return (
    <Space size="middle">
      <Typography.Text type="secondary">
        <Key>↑</Key>
        <Key>↓</Key> {t('patients.search.keys.move')}
      </Typography.Text>
      <Typography.Text type="secondary">
        <Key>Enter</Key> {t('patients.search.keys.open')}
      </Typography.Text>
      {register && (
        <Typography.Text type="secondary">
          <Key>Alt+N</Key> {t('patients.search.keys.register')}
        </Typography.Text>
      )}
    </Space>
  );
};
