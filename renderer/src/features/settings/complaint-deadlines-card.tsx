import { Alert, Button, Card, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import { POLICY_PRESETS } from '../../../../shared/complaints/complaint';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../../shared/settings/settings';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { readSetting, saveSetting } from '../../db/settings';
import { actorOf } from '../../db/staff';
import {
  CUSTOM,
  fromComplaintSettings,
  isPresetName,
  parseDays,
  toComplaintSettings,
  wantsCustom,
  type ComplaintSettingsValues,
} from './complaint-settings-form';
import { useSave } from './use-save';

/** 投诉时限: the clinic's default deadline policy, and its own policy beside the two presets. */
export const ComplaintDeadlinesCard = () => {
  const { t } = useTranslation();
  const services = useServices();
  const staff = useSession((state) => state.staff)!;
  const settings = useLiveQuery(
    async () => (await readSetting(services.db, 'complaints')) ?? DEFAULT_COMPLAINT_SETTINGS,
    [services.db],
  );
  const [form] = Form.useForm<ComplaintSettingsValues>();
  const { busy, run } = useSave();
  const editable = can(staff.roles, 'settings.clinic');
  if (!settings) return null;

  // The custom fields are checked only when the card describes a custom policy.
  const ifCustom = (check: (value: string | undefined) => string | undefined) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!wantsCustom(form.getFieldsValue())) return;
      const problem = check(value);
      if (problem) throw new Error(problem);
    },
  });
  const days = ifCustom((value) => (parseDays(value) ? undefined : t('settings.daysInvalid')));
  const name = ifCustom((value) => {
    if (!value?.trim()) return t('settings.customNameRequired');
    return isPresetName(value) ? t('settings.customNamePreset', { name: value.trim() }) : undefined;
  });

  return (
    <Card title={t('settings.complaintSection')} data-testid="complaint-settings">
      {!editable && (
        <Alert type="info" title={t('settings.complaintReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Paragraph type="secondary">{t('settings.complaintHint')}</Typography.Paragraph>
      <Form<ComplaintSettingsValues>
        form={form}
        name="complaint-deadlines"
        layout="vertical"
        initialValues={fromComplaintSettings(settings)}
        disabled={!editable}
        requiredMark={false}
        onFinish={(values) =>
          run(() =>
            saveSetting(services, actorOf(staff), 'complaints', toComplaintSettings(values)),
          )
        }
      >
        <Form.Item name="defaultPolicy" label={t('settings.defaultPolicy')}>
          <Radio.Group data-testid="default-policy">
            <Space orientation="vertical">
              {POLICY_PRESETS.map((p) => (
                <Radio key={p.name} value={p.name}>
                  {t('settings.presetPolicy', {
                    name: p.name,
                    ordinary: p.ordinaryDays,
                    major: p.majorDays,
                  })}
                </Radio>
              ))}
              <Radio value={CUSTOM}>{t('settings.customPolicy')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label={t('settings.customName')} rules={[name]}>
              <Input
                maxLength={40}
                placeholder={t('settings.customNamePlaceholder')}
                data-testid="custom-policy-name"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ordinaryDays" label={t('settings.ordinaryDays')} rules={[days]}>
              <Input inputMode="numeric" data-testid="custom-ordinary-days" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="majorDays" label={t('settings.majorDays')} rules={[days]}>
              <Input inputMode="numeric" data-testid="custom-major-days" />
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-complaints">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
};
