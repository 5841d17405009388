import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import {
  checkOverrides,
  workingCalendar,
  type CalendarOverride,
  type OverrideProblem,
} from '../../../../shared/calendar/working-days';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { readSetting, saveSetting } from '../../db/settings';
import { actorOf } from '../../db/staff';
import { useSave } from './use-save';

type OverrideValues = { overrides?: { date?: string; kind?: string; name?: string }[] };

/** The rows as the store takes them: trimmed, an empty name left out. */
const toOverrides = (values: OverrideValues): CalendarOverride[] =>
  (values.overrides ?? []).map((row) => ({
    date: (row.date ?? '').trim(),
    kind: row.kind as CalendarOverride['kind'],
    ...(row.name?.trim() ? { name: row.name.trim() } : {}),
  }));

const PUBLISHED_THROUGH = workingCalendar().publishedThrough;

/**
 * 节假日调整: next year's State Council schedule (published each November) and the clinic's own
 * closures, on top of the built-in calendar. The table is checked as a whole: one bad row and
 * nothing is saved.
 */
export const HolidayCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const stored = useLiveQuery(
    async () => (await readSetting(services.db, 'holidays'))?.overrides ?? [],
    [services.db],
  );
  const { busy, run } = useSave();
  const [problems, setProblems] = useState<OverrideProblem[]>([]);
  const editable = can(staff.roles, 'settings.clinic');
  if (!stored) return null;

  const sentence = (p: OverrideProblem) =>
    p.problem === 'duplicate-date'
      ? t('settings.overrideDuplicate', { row: p.index + 1, date: p.date })
      : t('settings.overrideMalformed', { row: p.index + 1 });

  const submit = async (values: OverrideValues) => {
    const overrides = toOverrides(values);
    const found = checkOverrides(overrides);
    setProblems(found);
    if (found.length === 0)
      await run(() => saveSetting(services, actorOf(staff), 'holidays', { overrides }));
  };

  return (
    <Card title={t('settings.holidaySection')} data-testid="holiday-settings">
      {!editable && (
        <Alert type="info" title={t('settings.holidayReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Paragraph type="secondary">
        {t('settings.holidayHint', { year: PUBLISHED_THROUGH })}
      </Typography.Paragraph>
      <Form<OverrideValues>
        name="holidays"
        layout="vertical"
        initialValues={{ overrides: stored }}
        disabled={!editable}
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => setProblems([])}
      >
        <Form.List name="overrides">
          {(rows, { add, remove }) => (
            <>
              {rows.length === 0 && (
                <Typography.Paragraph type="secondary">
                  {t('settings.noOverrides')}
                </Typography.Paragraph>
              )}
              {rows.map((row, index) => (
                <Row gutter={8} key={row.key} align="top" data-testid="override-row">
                  <Col span={7}>
                    <Form.Item
                      name={[row.name, 'date']}
                      label={index === 0 ? t('settings.overrideDate') : undefined}
                    >
                      <Input placeholder="2027-01-01" data-testid="override-date" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[row.name, 'kind']}
                      label={index === 0 ? t('settings.overrideKind') : undefined}
                    >
                      <Select
                        data-testid="override-kind"
                        options={[
                          { value: 'holiday', label: t('settings.kindHoliday') },
                          { value: 'workday', label: t('settings.kindWorkday') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[row.name, 'name']}
                      label={index === 0 ? t('settings.overrideName') : undefined}
                    >
                      <Input
                        maxLength={40}
                        placeholder={t('settings.overrideNamePlaceholder')}
                        data-testid="override-name"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item label={index === 0 ? ' ' : undefined}>
                      <Button onClick={() => remove(row.name)} data-testid="override-remove">
                        {t('settings.removeOverride')}
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <div style={{ marginBottom: 16 }}>
                <Button onClick={() => add({ kind: 'holiday' })} data-testid="override-add">
                  {t('settings.addOverride')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        {problems.length > 0 && (
          <Alert
            type="error"
            style={{ marginBottom: 16 }}
            data-testid="override-problems"
            title={t('settings.overridesRefused')}
            description={problems.map((p) => (
              <div key={`${p.problem}-${p.index}`}>{sentence(p)}</div>
            ))}
          />
        )}
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-holidays">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
};
