import { CheckOutlined, DollarOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import type { PlanLineState } from './plan-line-state';

export type PlanAction = 'edit' | 'cancel' | 'perform' | 'bill';

export type PlanPermissions = { prepare: boolean; perform: boolean; bill: boolean };

/**
 * What can be done to one line, for this role. On a line the store would refuse to mark
 * performed or billed (not signed, refused, more than signed for), those buttons are disabled and
 * the line says why and what to do, before anyone clicks.
 */
export const PlanRowActions = ({
  item,
  state,
  allowed,
  onAction,
}: {
  item: PlannedItem;
  state: PlanLineState;
  allowed: PlanPermissions;
  onAction: (action: PlanAction, item: PlannedItem) => void;
}) => {
  const { t } = useTranslation();
  if (state.cancelled) return null;
  const performable = allowed.perform && !state.performed;
  const billable = allowed.bill && !state.billed;
  const blocked = performable || billable ? state.blocked : undefined;
  // The way out of "not signed" depends on who is asking: the clinician prepares the notice.
  const why = blocked === 'no-consent' && !allowed.prepare ? 'no-consent-elsewhere' : blocked;
  const buttons = (
    <Space size={4} wrap>
      {allowed.prepare && state.editable && (
        <>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => onAction('edit', item)}
            data-testid="line-edit"
          >
            {t('consents.actions.edit')}
          </Button>
          <Popconfirm
            title={t('consents.actions.cancelConfirm', { item: item.name })}
            okText={t('consents.actions.yes')}
            cancelText={t('consents.actions.no')}
            onConfirm={() => onAction('cancel', item)}
          >
            <Button size="small" danger data-testid="line-cancel">
              {t('consents.actions.cancel')}
            </Button>
          </Popconfirm>
        </>
      )}
      {performable && (
        <Button
          size="small"
          disabled={!!blocked}
          icon={<CheckOutlined />}
          onClick={() => onAction('perform', item)}
          data-testid="line-perform"
        >
          {t('consents.actions.perform')}
        </Button>
      )}
      {billable && (
        <Button
          size="small"
          disabled={!!blocked}
          icon={<DollarOutlined />}
          onClick={() => onAction('bill', item)}
          data-testid="line-bill"
        >
          {t('consents.actions.bill')}
        </Button>
      )}
    </Space>
  );
  if (!why) return buttons;
  return (
    <Flex vertical gap={4} align="start">
      {buttons}
      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="line-blocked">
        {t(`consents.blocked.${why}`)}
      </Typography.Text>
    </Flex>
  );
};
