import { Alert, Button, Flex, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateGate } from '../../../../shared/patients/duplicates';
import { maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import type { PossibleDuplicate } from '../../db/patients';
import type { OfficerLogin } from '../../db/officer-login';
import { LookAlikeHint } from './look-alike-hint';

/** How the desk goes on past the warning: always a reason, and for a shared resident ID an officer. */
export type DuplicateResolution = { reason: string; officer?: OfficerLogin };

/**
 * What going on takes: a reason for a shared card or name and birth date; the officer's own
 * login as well for a resident ID number on file ('officer'); nothing at all on an edit that
 * would take someone's resident ID ('blocked').
 */
export type WarningMode = Exclude<DuplicateGate, 'clear'> | 'blocked';

const Fields = ({
  mode,
  confirmText,
  onConfirm,
}: {
  mode: 'reason' | 'officer';
  confirmText: string;
  onConfirm: (resolution: DuplicateResolution) => void;
}) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const confirm = () => {
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    onConfirm({
      reason: reason.trim(),
      ...(mode === 'officer' ? { officer: { username, password } } : {}),
    });
  };
  return (
    <Flex vertical gap="small" style={{ maxWidth: 560 }}>
      <Typography.Text>{t('patients.duplicates.reason')}</Typography.Text>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 4 }}
        maxLength={200}
        status={missing ? 'error' : undefined}
        placeholder={t('patients.duplicates.reasonPlaceholder')}
        data-testid="duplicate-reason"
      />
      {missing && (
        <Typography.Text type="danger" data-testid="duplicate-reason-error">
          {t('errors.duplicate-reason-required')}
        </Typography.Text>
      )}
      {mode === 'officer' && (
        <Flex gap="small" wrap>
          <Input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            placeholder={t('patients.duplicates.officerUsername')}
            aria-label={t('patients.duplicates.officerUsername')}
            autoComplete="off"
            style={{ width: 260 }}
            data-testid="second-record-username"
          />
          <Input.Password
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={t('patients.duplicates.officerPassword')}
            aria-label={t('patients.duplicates.officerPassword')}
            autoComplete="off"
            style={{ width: 260 }}
            data-testid="second-record-password"
          />
        </Flex>
      )}
      <div>
        <Button danger onClick={confirm} data-testid="duplicate-confirm">
          {mode === 'officer' ? t('patients.duplicates.approve') : confirmText}
        </Button>
      </div>
    </Flex>
  );
};

/**
 * PRODUCT.md §1.4: before a second record is made for someone, the desk sees who may already be
 * them, masked as everywhere, with a way to open that record instead. Going on takes a reason
 * (and, for a resident ID number on file, the officer's own login); the first link has the
 * focus, so Enter opens the existing patient.
 */
export const DuplicateWarning = ({
  duplicates,
  mode,
  confirmText,
  onConfirm,
}: {
  duplicates: readonly PossibleDuplicate[];
  mode: WarningMode;
  confirmText: string;
  onConfirm: (resolution: DuplicateResolution) => void;
}) => {
  const { t } = useTranslation();
  const firstLink = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    firstLink.current?.focus();
  }, [duplicates]);

  const sameId = mode !== 'reason';
  return (
    <Alert
      type={sameId ? 'error' : 'warning'}
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="duplicate-warning"
      data-mode={mode}
      title={t(sameId ? 'patients.duplicates.sameIdTitle' : 'patients.duplicates.title')}
      description={
        <Flex vertical gap="small">
          <Typography.Text>
            {t(
              mode === 'officer'
                ? 'patients.duplicates.sameIdBody'
                : mode === 'blocked'
                  ? 'patients.duplicates.sameIdEdit'
                  : 'patients.duplicates.body',
            )}
          </Typography.Text>
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
              <LookAlikeHint patient={patient} lookAlike={undefined} />
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
          {mode !== 'blocked' && (
            <Fields mode={mode} confirmText={confirmText} onConfirm={onConfirm} />
          )}
        </Flex>
      }
    />
  );
};
