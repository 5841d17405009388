import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem } from '../../../../shared/catalogue/catalogue';
import type { Consent } from '../../../../shared/consents/consent';
import type { PlanInput, PlannedItem } from '../../../../shared/consents/planned-item';
import { useServices } from '../../app/services';
import { voidConsent } from '../../db/consents';
import {
  cancelPlannedItem,
  markBilled,
  markPerformed,
  planItem,
  updatePlannedItem,
} from '../../db/planned-items';
import type { Actor } from '../../db/write';
import { errorMessage } from '../../ui/error-message';
import type { LineTarget } from './plan-line-dialog';
import type { PlanAction } from './plan-row-actions';

type Editing = LineTarget & { id: string; kind: 'catalogue' | 'planned' };

/**
 * The plan page's writes, each through its repository. A refusal (an unsigned self-pay item
 * marked performed) stays on screen above the plan until the next action: it names the item and
 * says what to do, and the clinician may need a moment to read it.
 */
export const usePlanActions = (visitId: string, actor: Actor) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [editingOpen, setEditingOpen] = useState(false);
  const clearFailure = useCallback(() => setFailure(undefined), []);

  const edit = (next: Editing) => {
    setFailure(undefined);
    setEditing(next);
    setEditingOpen(true);
  };

  const pick = (item: CatalogueItem) =>
    edit({ mode: 'add', terms: item, id: item.id, kind: 'catalogue' });

  const saveLine = async (input: PlanInput) => {
    if (!editing) return;
    const saved =
      editing.kind === 'catalogue'
        ? await planItem(services, actor, { visitId, catalogueItemId: editing.id, ...input })
        : await updatePlannedItem(services, actor, editing.id, input);
    void message.success(
      t(editing.kind === 'catalogue' ? 'consents.done.added' : 'consents.done.saved', {
        item: saved.name,
      }),
    );
  };

  const act = async (action: PlanAction, item: PlannedItem) => {
    setFailure(undefined);
    if (action === 'edit') {
      const { quantity, teeth, reason, alternatives } = item;
      edit({
        mode: 'edit',
        terms: item,
        id: item.id,
        kind: 'planned',
        initial: { quantity, teeth, reason, alternatives },
      });
      return;
    }
    const write = { cancel: cancelPlannedItem, perform: markPerformed, bill: markBilled }[action];
    const done = { cancel: 'cancelled', perform: 'performed', bill: 'billed' }[action];
    try {
      await write(services, actor, item.id);
      void message.success(t(`consents.done.${done}`, { item: item.name }));
    } catch (error) {
      setFailure(errorMessage(t, error));
    }
  };

  const voidNotice = async (consent: Pick<Consent, 'id' | 'content'>, reason: string) => {
    await voidConsent(services, actor, consent.id, reason);
    void message.success(t('consents.void.done', { version: consent.content.version }));
  };

  return {
    failure,
    clearFailure,
    pick,
    act,
    saveLine,
    voidNotice,
    line: {
      open: editingOpen,
      target: editing,
      close: () => setEditingOpen(false),
      afterClose: () => setEditing(undefined),
    },
  };
};
