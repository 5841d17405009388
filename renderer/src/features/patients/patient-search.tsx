import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { today } from '../../../../shared/clock/calendar-date';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { useActor } from '../../app/use-actor';
import { searchPatients } from '../../db/patients';
import { optionId, PatientResults } from './patient-results';
import { KeyHints, SearchHints } from './search-hints';
import { useDebounced } from '../../ui/use-debounced';
import { ClearIcon } from '../../ui/clear-icon';

/** More would not help anyone: past this, the desk types one more character. */
const LIMIT = 100;
/** Short enough to feel like every keystroke; long enough not to query for each of "zhang". */
const DEBOUNCE_MS = 60;
const PAGE_ROWS = 10;

/**
 * The front desk's one search box. Results follow the typing; ↑ ↓ choose, Enter opens, Alt+N
 * registers. The query lives in the address (?q=), so "back" from a patient returns to the list.
 */
export const PatientSearch = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const me = useSession((state) => state.staff)!;
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const [cursor, setCursor] = useState({ query, index: 0 });
  const mayRegister = can(me.roles, 'patient.register');

  useEffect(() => {
    setParams(query ? { q: query } : {}, { replace: true });
  }, [query, setParams]);

  useEffect(() => {
    if (!mayRegister) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      // event.code: Alt+N types "˜" on a Mac keyboard, but the key is still KeyN.
      if (event.altKey && event.code === 'KeyN') {
        event.preventDefault();
        navigate('/patients/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mayRegister, navigate]);

  const found = useLiveQuery(() => searchPatients(db, actor, query, LIMIT + 1), [db, actor, query]);
  const patients = (found ?? []).slice(0, LIMIT);
  const active = cursor.query === query ? Math.min(cursor.index, patients.length - 1) : 0;
  const activate = (index: number) =>
    setCursor({ query, index: Math.max(0, Math.min(index, patients.length - 1)) });
  const open = (patient: Patient) => navigate(`/patients/${patient.id}`);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: PAGE_ROWS,
      PageUp: -PAGE_ROWS,
    };
    const move = moves[event.key];
    if (move !== undefined && patients.length > 0) {
      event.preventDefault();
      activate(active + move);
    } else if (event.key === 'Enter' && patients[active]) {
      event.preventDefault();
      open(patients[active]);
    }
  };

  return (
    <Card>
      <Flex vertical gap="middle">
        <Flex justify="space-between" align="center" gap="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('patients.title')}
          </Typography.Title>
          {mayRegister && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => navigate('/patients/new')}
              data-testid="patient-register"
            >
              {t('patients.search.register')}
            </Button>
          )}
        </Flex>
        <Input
          size="large"
          autoFocus
          allowClear={{ clearIcon: <ClearIcon /> }}
          prefix={<SearchOutlined />}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('patients.search.placeholder')}
          aria-label={t('patients.search.label')}
          aria-controls="patient-results"
          aria-activedescendant={patients.length > 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="patient-search"
        />
        <Flex justify="space-between">
          <Typography.Text type="secondary" data-testid="patient-count">
            {query !== '' &&
              found !== undefined &&
              (found.length > LIMIT
                ? t('patients.search.more', { count: LIMIT })
                : t('patients.search.found', { count: found.length }))}
          </Typography.Text>
          <KeyHints register={mayRegister} />
        </Flex>
        {query === '' ? (
          <SearchHints />
        ) : patients.length > 0 ? (
          <PatientResults
            patients={patients}
            active={active}
            today={today(clock)}
            onActivate={activate}
            onOpen={open}
          />
        ) : (
          found !== undefined && (
            <Empty
              description={
                <Flex vertical gap={4}>
                  <Typography.Text>{t('patients.search.none', { query })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('patients.search.noneHint')}
                  </Typography.Text>
                </Flex>
              }
              data-testid="patient-none"
            />
          )
        )}
      </Flex>
    </Card>
  );
};
