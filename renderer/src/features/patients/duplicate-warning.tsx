import { Alert, Button, Flex, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import type { PossibleDuplicate } from '../../db/patients';

/**
 * PRODUCT.md §1.4: before a second record is made for someone, the desk sees who may already be
 * them, masked as everywhere, with a way to open that record instead. Going on takes a second,
 * deliberate click; the first link has the focus, so Enter opens the existing patient.
 */
export const DuplicateWarning = ({
  duplicates,
  confirmText,
  onConfirm,
}: {
  duplicates: readonly PossibleDuplicate[];
  confirmText: string;
  onConfirm: () => void;
}) => {
  const { t } = useTranslation();
  const firstLink = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    firstLink.current?.focus();
  }, [duplicates]);

  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="duplicate-warning"
      title={t('patients.duplicates.title')}
      description={
        <Flex vertical gap="small">
          <Typography.Text>{t('patients.duplicates.body')}</Typography.Text>
          {duplicates.map(({ patient, matches }, index) => (
            <Flex
              key={patient.id}
              gap="middle"
              align="center"
              wrap
              className="patient-duplicate"
              data-testid="duplicate-row"
            >
              <Typography.Text strong>{patient.name}</Typography.Text>
              <span>{t(`patients.sex.${patient.sex}`)}</span>
              <span>{patient.birthDate}</span>
              <span className="patient-mono">{maskIdNumber(patient.idNumber)}</span>
              {patient.phone && <span className="patient-mono">{maskPhone(patient.phone)}</span>}
              <Space size={4} wrap>
                {matches.map((match) => (
                  <Tag color="orange" key={match}>
                    {t(`patients.duplicates.matches.${match}`)}
                  </Tag>
                ))}
              </Space>
              <Link ref={index === 0 ? firstLink : undefined} to={`/patients/${patient.id}`}>
                {t('patients.duplicates.open')}
              </Link>
            </Flex>
          ))}
          <div>
            <Button danger onClick={onConfirm} data-testid="duplicate-confirm">
              {confirmText}
            </Button>
          </div>
        </Flex>
      }
    />
  );
};
