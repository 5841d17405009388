import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

type Tab = 'complaints' | 'consultations';

const PATHS: Record<Tab, string> = {
  complaints: '/complaints',
  consultations: '/complaints/consultations',
};

/** 投诉 / 咨询: the two logs of the desk's insurance window, side by side. */
export const ComplaintsTabs = ({ value }: { value: Tab }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Segmented<Tab>
      value={value}
      options={(['complaints', 'consultations'] as const).map((tab) => ({
        value: tab,
        label: <span data-testid={`tab-${tab}`}>{t(`complaints.tabs.${tab}`)}</span>,
      }))}
      onChange={(tab) => navigate(PATHS[tab])}
    />
  );
};
