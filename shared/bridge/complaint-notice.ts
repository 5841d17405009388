import { z } from 'zod';
import { complaintCategories, type ComplaintCategory } from '../complaints/complaint';
import { formatClinicTime } from '../clock/clinic-time';

/**
 * A desktop notification about a complaint's deadline (PRODUCT.md §4.3). The page sends only
 * enums, an id and an instant: the text is composed here from fixed words, so that no name or
 * phone number of a patient or complainant can reach the OS notification centre.
 */
export const complaintNoticeSchema = z
  .object({
    complaintId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
    level: z.enum(['due-soon', 'overdue']),
    deadline: z.enum(['first-contact', 'resolution']),
    category: z.enum(complaintCategories),
    dueAt: z.iso.datetime({ offset: true }),
    language: z.enum(['zh-CN', 'en']),
  })
  .strict();
export type ComplaintNotice = z.infer<typeof complaintNoticeSchema>;

export type ComplaintNotifier = {
  /** Shows the notification; nothing happens when notifications are not allowed. */
  show(notice: ComplaintNotice): Promise<void>;
  /** The notification was clicked: the page opens that complaint. Returns the unsubscribe. */
  onOpen(listener: (complaintId: string) => void): () => void;
};

export const complaintNoticeIpc = {
  show: { channel: 'clinicdesk:complaint-notice-show', input: complaintNoticeSchema },
  /** Main → page: the notification of this complaint was clicked. */
  open: { channel: 'clinicdesk:complaint-notice-open' },
} as const;

export const complaintIdSchema = complaintNoticeSchema.shape.complaintId;

/** The categories' names: in the notification, and on the complaint screens (complaints-text.ts). */
export const COMPLAINT_CATEGORY_NAMES: Record<'zh-CN' | 'en', Record<ComplaintCategory, string>> = {
  'zh-CN': {
    'insurance-billing': '医保结算/收费',
    'self-pay-consent': '自费知情同意',
    'identity-check': '身份核验',
    attitude: '服务态度',
    waiting: '候诊时间',
    treatment: '诊疗',
    privacy: '隐私',
    other: '其他',
  },
  en: {
    'insurance-billing': 'Insurance / billing',
    'self-pay-consent': 'Self-pay consent',
    'identity-check': 'Identity check',
    attitude: 'Service attitude',
    waiting: 'Waiting time',
    treatment: 'Treatment',
    privacy: 'Privacy',
    other: 'Other',
  },
};

const WORDS = {
  'zh-CN': {
    'due-soon': '投诉即将超时',
    overdue: '投诉已超时',
    'first-contact': '首次联系',
    resolution: '办结',
    body: (category: string, deadline: string, due: string) =>
      `${category} · ${deadline}时限 ${due}（北京时间）`,
  },
  en: {
    'due-soon': 'A complaint is due soon',
    overdue: 'A complaint is overdue',
    'first-contact': 'first contact',
    resolution: 'resolution',
    body: (category: string, deadline: string, due: string) =>
      `${category} · ${deadline} due ${due} (Beijing time)`,
  },
} as const;

/** The fixed-format title and body: a category, a deadline and a time, never a person. */
export const complaintNoticeText = (notice: ComplaintNotice): { title: string; body: string } => {
  const words = WORDS[notice.language];
  const due = formatClinicTime(notice.dueAt).slice(0, 16);
  return {
    title: words[notice.level],
    body: words.body(
      COMPLAINT_CATEGORY_NAMES[notice.language][notice.category],
      words[notice.deadline],
      due,
    ),
  };
};
