import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { PermissionError } from '../../../shared/auth/permissions';
import { NoPermission } from './no-permission';

/**
 * Where a screen fails to draw (a record damaged on disk or by a faulty sync, a bug), only that
 * screen says so; the sidebar and the header stay, so the desk can go on elsewhere. Without this
 * React takes the whole window down to a blank page.
 */
const ScreenError = ({ error, resetErrorBoundary }: FallbackProps) => {
  const { t } = useTranslation();
  // A read the store refused (reads are checked like writes): not a fault, and no retry helps.
  if (error instanceof PermissionError) return <NoPermission roles={error.roles} />;
  return (
    <Result
      status="error"
      title={t('shell.screenError.title')}
      subTitle={t('shell.screenError.body')}
      data-testid="screen-error"
      extra={[
        <Button key="retry" type="primary" onClick={resetErrorBoundary} data-testid="screen-retry">
          {t('shell.screenError.retry')}
        </Button>,
        <Button key="reload" onClick={() => window.location.reload()}>
          {t('shell.screenError.reload')}
        </Button>,
      ]}
    />
  );
};

/**
 * What is logged: the kind of error and where, never its message, which may quote a record
 * (a name, an ID number) and end up in a log file.
 */
const logError = (error: unknown, info: { componentStack?: string | null }) => {
  const kind = error instanceof Error ? error.name : typeof error;
  const where =
    error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`screen failed to draw: ${kind}\n${where}${info.componentStack ?? ''}`);
};

/** Catches a screen's drawing errors; `resetKey` (the address) opens it afresh when it changes. */
export const ScreenErrorBoundary = ({
  resetKey,
  children,
}: {
  resetKey: string;
  children: ReactNode;
}) => (
  <ErrorBoundary FallbackComponent={ScreenError} resetKeys={[resetKey]} onError={logError}>
    {children}
  </ErrorBoundary>
);
