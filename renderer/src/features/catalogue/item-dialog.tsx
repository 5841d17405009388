import { App, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  versionInForce,
  type CatalogueItem,
  type CatalogueVersion,
} from '../../../../shared/catalogue/catalogue';
import { today, type CalendarDate } from '../../../../shared/clock/calendar-date';
import { AppError } from '../../../../shared/errors';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { changeCatalogueItem } from '../../db/catalogue-item';
import { actorOf } from '../../db/staff';
import { FormModal } from '../staff/form-modal';
import { ItemEffect } from './item-effect';
import { ItemFields } from './item-fields';
import { entryOfValues, valuesOfEntry, type ItemValues } from './item-form';

/** Adding a new item, or editing one of the version being viewed. */
export type ItemTarget = { kind: 'add' } | { kind: 'edit'; item: CatalogueItem };

const FIELDS = [
  'code',
  'name',
  'category',
  'unit',
  'price',
  'coverage',
  'selfPayRatio',
  'restriction',
  'effectiveFrom',
] as const satisfies readonly (keyof ItemValues)[];

/** The repository names the stored fields; the form has boxes for what a person types. */
const FORM_FIELD: Record<string, keyof ItemValues> = {
  priceFen: 'price',
  selfPayRatioBp: 'selfPayRatio',
};

const onFormField = (error: unknown) =>
  error instanceof AppError && error.field && FORM_FIELD[error.field]
    ? new AppError(error.reason, error.message, FORM_FIELD[error.field], error.values)
    : error;

const dayOf = (date: dayjs.Dayjs | undefined) =>
  date ? (date.format('YYYY-MM-DD') as CalendarDate) : undefined;

/**
 * One item added or changed, saved as a new version of the whole catalogue (the base plus this
 * change), in force from the day chosen. Days on which another version would be in force instead
 * cannot be chosen: the change would drop what that version holds.
 */
export const ItemDialog = ({
  target,
  base,
  versions,
  open,
  onClose,
  afterClose,
  onSaved,
}: {
  target: ItemTarget;
  base: CatalogueVersion;
  versions: readonly CatalogueVersion[];
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
  onSaved: (version: CatalogueVersion, code: string) => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const values = Form.useWatch([], form) as Partial<ItemValues> | undefined;
  const before = target.kind === 'edit' ? target.item : undefined;

  const allowed = (day: CalendarDate) =>
    day >= base.effectiveFrom && versionInForce(versions, day)?.id === base.id;
  const now = today(services.clock);
  const initialValues: Partial<ItemValues> = {
    ...(before ? valuesOfEntry(before) : {}),
    effectiveFrom: dayjs(allowed(now) ? now : base.effectiveFrom),
  };

  const submit = async (typed: ItemValues) => {
    // The boxes' rules have passed, so the values describe an item; the repository checks again.
    const entry = entryOfValues(typed);
    if (!entry) throw new AppError('invalid-input', 'the form does not describe an item');
    const version = await changeCatalogueItem(services, actorOf(me), {
      baseVersionId: base.id,
      itemId: before?.id,
      effectiveFrom: dayOf(typed.effectiveFrom)!,
      entry,
    }).catch((error: unknown) => {
      throw onFormField(error);
    });
    void message.success(
      t(`catalogueItem.done.${target.kind}`, {
        code: entry.code,
        name: entry.name,
        date: version.effectiveFrom,
      }),
    );
    onSaved(version, entry.code);
  };

  return (
    <FormModal<ItemValues>
      open={open}
      title={
        before ? t('catalogueItem.editTitle', { code: before.code }) : t('catalogueItem.addTitle')
      }
      width={720}
      centered
      confirmDiscard
      form={form}
      // The code cannot change when editing: the name is the first box to type in.
      fields={before ? FIELDS.slice(1) : FIELDS}
      initialValues={initialValues}
      submitText={t('catalogueItem.submit')}
      submitTestId="item-submit"
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <ItemFields
        versionId={base.id}
        editing={!!before}
        beside={
          <Form.Item
            name="effectiveFrom"
            label={t('catalogueItem.fields.effectiveFrom')}
            tooltip={t('catalogueItem.hints.effectiveFrom')}
            rules={[{ required: true, message: t('catalogueItem.required.effectiveFrom') }]}
          >
            <DatePicker
              allowClear={false}
              disabledDate={(day) => !allowed(dayOf(day)!)}
              data-testid="item-effective-from"
            />
          </Form.Item>
        }
      />
      <ItemEffect
        base={base}
        versions={versions}
        before={before}
        entry={values && entryOfValues(values)}
        date={dayOf(values?.effectiveFrom)}
      />
    </FormModal>
  );
};
