import { Card, Checkbox, Flex, Form, Input, Typography, type InputRef } from 'antd';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/patients/patient';
import { maskIdNumber } from '../../../../shared/patients/display';
import { MatchTag } from './match-tag';

type DocumentSectionProps = {
  patient: Patient;
  presented: boolean;
  number: string;
  matches: boolean | undefined;
  onPresented: (presented: boolean) => void;
  onNumber: (number: string) => void;
  onEnter: () => void;
  inputRef: Ref<InputRef>;
};

/**
 * 证: the document's number, swiped by an ID reader in keyboard mode or typed, compared with the
 * stored one. The stored number is masked except its tail: the screen must not be the source.
 */
export const DocumentSection = ({
  patient,
  presented,
  number,
  matches,
  onPresented,
  onNumber,
  onEnter,
  inputRef,
}: DocumentSectionProps) => {
  const { t } = useTranslation();
  return (
    <Card title={t('visits.panel.document.title')} size="small" className="visit-section">
      <Form layout="vertical" component="div">
        <Form.Item label={t('visits.panel.document.number')} htmlFor="verify-document-number">
          <Input
            id="verify-document-number"
            ref={inputRef}
            value={number}
            autoComplete="off"
            maxLength={24}
            placeholder={t('visits.panel.document.placeholder')}
            onChange={(event) => {
              onNumber(event.target.value);
              if (event.target.value.trim() !== '') onPresented(true);
            }}
            onPressEnter={(event) => {
              event.preventDefault();
              onEnter();
            }}
            data-testid="document-number"
          />
        </Form.Item>
      </Form>
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('visits.panel.document.stored')}</Typography.Text>
          <Typography.Text>{t(`patients.idTypes.${patient.idType}`)}</Typography.Text>
          <Typography.Text code data-testid="stored-id">
            {maskIdNumber(patient.idNumber)}
          </Typography.Text>
          <MatchTag matches={matches} testId="document-match" />
        </Flex>
        <Checkbox
          checked={presented}
          onChange={(event) => onPresented(event.target.checked)}
          data-testid="document-presented"
        >
          {t('visits.panel.document.presented')}
        </Checkbox>
      </Flex>
    </Card>
  );
};
