import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/patients/display';

/** The ID number masked but for its tail; the whole number only when someone asks for it. */
export const MaskedIdNumber = ({ idNumber }: { idNumber: string }) => {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Space size="small">
      <span className="patient-mono" data-testid="patient-id-number">
        {shown ? idNumber : maskIdNumber(idNumber)}
      </span>
      <Button
        size="small"
        type="link"
        icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        onClick={() => setShown(!shown)}
        aria-pressed={shown}
        data-testid="patient-id-toggle"
      >
        {shown ? t('patients.page.hideId') : t('patients.page.showId')}
      </Button>
    </Space>
  );
};
