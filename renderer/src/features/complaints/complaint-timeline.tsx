import { PaperClipOutlined } from '@ant-design/icons';
import { Space, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ComplaintAttachment } from '../../db/complaints';
import { useObjectUrl } from '../patients/photo-image';
import type { ComplaintEvent } from '../../../../shared/complaints/complaint-event';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

const minutes = (iso: string) => formatClinicTime(iso).slice(0, 16);

/** The lines under an event's title: what was recorded, in the reader's language. */
const details = (t: TFunction, event: ComplaintEvent, names: ReadonlyMap<string, string>) => {
  const f = event.facts;
  switch (f.kind) {
    case 'contacted':
      return [
        t('complaints.line.contacted', {
          how: t(`complaints.contactMethod.${f.how}`),
          at: minutes(f.contactedAt),
        }),
        f.note,
      ];
    case 'assigned':
      return [t('complaints.line.assigned', { name: names.get(f.to) ?? f.to })];
    case 'escalated':
      return [f.note];
    case 'response-sent':
      return [t(`complaints.contactMethod.${f.how}`), f.text];
    case 'closed':
      return [
        t('complaints.line.feedback', { text: f.feedback }),
        t('complaints.line.closed', {
          satisfaction: t(`complaints.satisfaction.${f.satisfaction}`),
        }),
        t('complaints.line.cause', { text: f.cause }),
        t('complaints.line.measure', { text: f.measure }),
      ];
    case 'reopened':
      return [f.reason];
    default:
      return [f.text];
  }
};

/** One file of a step: a link that opens it (an object URL), or that its bytes are on their way. */
const FileLink = ({ file }: { file: ComplaintAttachment }) => {
  const { t } = useTranslation();
  const url = useObjectUrl(file.blob);
  const size =
    file.size === undefined
      ? ''
      : ` · ${t('complaints.files.size', { size: Math.max(1, Math.round(file.size / 1024)) })}`;
  if (!file.blob)
    return (
      <Typography.Text type="secondary" data-testid="timeline-file-arriving">
        <PaperClipOutlined /> {file.name} · {t('complaints.files.arriving')}
      </Typography.Text>
    );
  return (
    // Saved with its name and opened in the PC's own viewer (the desktop app opens no windows).
    <a href={url} download={file.name} data-testid="timeline-file">
      <PaperClipOutlined /> {file.name}
      {size}
    </a>
  );
};

const COLOR = { closed: 'gray', reopened: 'red', resolved: 'green', escalated: 'orange' } as const;

/** A complaint's timeline, oldest first, newest last. */
export const ComplaintTimeline = ({
  events,
  ignored,
  names,
  files,
  anonymous = false,
}: {
  events: readonly ComplaintEvent[];
  /** Nobody to contact: the empty timeline says what to do instead. */
  anonymous?: boolean;
  ignored: readonly ComplaintEvent[];
  names: ReadonlyMap<string, string>;
  /** Each step's files, by event id. */
  files?: ReadonlyMap<string, readonly ComplaintAttachment[]>;
}) => {
  const { t } = useTranslation();
  if (events.length === 0)
    return (
      <Typography.Text type="secondary">
        {t(anonymous ? 'complaints.detail.noEventsAnonymous' : 'complaints.detail.noEvents')}
      </Typography.Text>
    );
  return (
    <Timeline
      data-testid="complaint-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: COLOR[event.facts.kind as keyof typeof COLOR] ?? 'blue',
        content: (
          <div data-testid={`timeline-${event.facts.kind}`}>
            <Typography.Text strong>{t(`complaints.events.${event.facts.kind}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {t('complaints.line.by', {
                name: names.get(event.by) ?? event.by,
                at: minutes(event.at),
              })}
            </Typography.Text>
            {ignored.includes(event) && (
              <Typography.Text type="warning"> · {t('complaints.detail.ignored')}</Typography.Text>
            )}
            {details(t, event, names)
              .filter((line): line is string => !!line)
              .map((line, index) => (
                <div key={index} style={{ whiteSpace: 'pre-wrap' }}>
                  {line}
                </div>
              ))}
            {(files?.get(event.id)?.length ?? 0) > 0 && (
              <Space wrap size="middle" data-testid="timeline-files">
                {files!.get(event.id)!.map((file) => (
                  <FileLink key={file.id} file={file} />
                ))}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
};
