import { Col, Form, Input, Radio, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CODE_MAX,
  ITEM_NAME_MAX,
  RESTRICTION_MAX,
  UNIT_MAX,
  catalogueCategorySchema,
  coverageSchema,
} from '../../../../shared/catalogue/catalogue';
import { useItemRules } from './item-rules';

/**
 * Code, name, category, unit, price, coverage (with the ratio for 乙类) and restriction. Each box
 * says what is wrong with it as the officer types; the repository checks all of it again.
 */
export const ItemFields = ({
  versionId,
  editing,
  beside,
}: {
  versionId: string;
  editing: boolean;
  /** Beside the restriction: the new version's date, so the dialog keeps its buttons in view. */
  beside: ReactNode;
}) => {
  const { t } = useTranslation();
  const coverage = Form.useWatch('coverage', Form.useFormInstance());
  const rule = useItemRules(versionId, editing);

  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="code"
            label={t('catalogueItem.fields.code')}
            // Hints as tooltips: the whole dialog, with its effect, fits on a 768-pixel screen.
            tooltip={editing ? t('catalogueItem.hints.codeEdit') : undefined}
            rules={[rule.required('code'), rule.maxLength(CODE_MAX), rule.codeFree]}
            validateDebounce={300}
          >
            <Input
              disabled={editing}
              autoComplete="off"
              spellCheck={false}
              data-testid="item-code"
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t('catalogueItem.fields.name')}
            rules={[rule.required('name'), rule.maxLength(ITEM_NAME_MAX)]}
          >
            <Input autoComplete="off" data-testid="item-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="category"
            label={t('catalogueItem.fields.category')}
            rules={[rule.required('category')]}
          >
            <Select
              data-testid="item-category"
              options={catalogueCategorySchema.options.map((value) => ({
                value,
                label: t(`catalogue.categories.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="unit"
            label={t('catalogueItem.fields.unit')}
            rules={[rule.required('unit'), rule.maxLength(UNIT_MAX)]}
          >
            <Input autoComplete="off" data-testid="item-unit" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="price"
            label={t('catalogueItem.fields.price')}
            rules={[rule.required('price'), rule.price]}
          >
            <Input prefix="¥" inputMode="decimal" autoComplete="off" data-testid="item-price" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name="coverage"
            label={t('catalogueItem.fields.coverage')}
            tooltip={t('catalogueItem.hints.coverage')}
            rules={[rule.required('coverage')]}
          >
            <Radio.Group
              optionType="button"
              data-testid="item-coverage"
              options={coverageSchema.options.map((value) => ({
                value,
                label: t(`catalogueItem.coverage.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          {coverage === 'class-b' && (
            <Form.Item
              name="selfPayRatio"
              label={t('catalogueItem.fields.selfPayRatio')}
              rules={[rule.ratio]}
            >
              <Input suffix="%" inputMode="decimal" autoComplete="off" data-testid="item-ratio" />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={15}>
          <Form.Item
            name="restriction"
            label={t('catalogueItem.fields.restriction')}
            rules={[rule.maxLength(RESTRICTION_MAX)]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="item-restriction" />
          </Form.Item>
        </Col>
        <Col span={9}>{beside}</Col>
      </Row>
    </>
  );
};
