import { CheckOutlined, DollarOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import type { PlanLineState } from './plan-line-state';

export type PlanAction = 'edit' | 'cancel' | 'perform' | 'bill';

export type PlanPermissions = { prepare: boolean; perform: boolean; bill: boolean };

/**
 * What can be done to one line, for this role. 标记已执行/已收费 stay offered on unsigned self-pay
 * lines: the store refuses them and the refusal says which item and what to do next.
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
  return (
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
      {allowed.perform && !state.performed && (
        <Button
          size="small"
          icon={<CheckOutlined />}
          onClick={() => onAction('perform', item)}
          data-testid="line-perform"
        >
          {t('consents.actions.perform')}
        </Button>
      )}
      {allowed.bill && !state.billed && (
        <Button
          size="small"
          icon={<DollarOutlined />}
          onClick={() => onAction('bill', item)}
          data-testid="line-bill"
        >
          {t('consents.actions.bill')}
        </Button>
      )}
    </Space>
  );
};
