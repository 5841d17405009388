import { z } from 'zod';
import { personText, provenanceSchema } from '../record';
import { EVENT_TEXT_MAX, instantSchema } from './complaint';

/**
 * What happens to a complaint after it is recorded, one insert-only row each (the timeline). A
 * complaint's state is never stored: it is derived from its events, the same on every PC whatever
 * order sync delivered them in.
 */

export const contactMethods = ['phone', 'email', 'in-person', 'letter', 'message'] as const;
export const satisfactions = ['satisfied', 'neutral', 'dissatisfied', 'unreachable'] as const;

const text = personText(EVENT_TEXT_MAX);

/** The facts of each kind of event, as a form sends them. */
export const complaintEventFactsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('contacted'),
      how: z.enum(contactMethods),
      /** When the complainant was reached (may be earlier than when it was written down). */
      contactedAt: instantSchema,
      note: text.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('note'), text }).strict(),
  z.object({ kind: z.literal('assigned'), to: z.string().min(1) }).strict(),
  /** Major complaints are led by the management group (seed 002 #10 八). */
  z.object({ kind: z.literal('escalated'), note: text.optional() }).strict(),
  z.object({ kind: z.literal('response-sent'), how: z.enum(contactMethods), text }).strict(),
  z.object({ kind: z.literal('resolved'), text }).strict(),
  /** Seed 002 #12 五: causes analysed, corrective measures recorded; feedback to the complainant. */
  z
    .object({
      kind: z.literal('closed'),
      feedback: text,
      satisfaction: z.enum(satisfactions),
      cause: text,
      measure: text,
    })
    .strict(),
  z.object({ kind: z.literal('reopened'), reason: text }).strict(),
]);
export type ComplaintEventFacts = z.input<typeof complaintEventFactsSchema>;
export type ComplaintEventKind = ComplaintEventFacts['kind'];
export const complaintEventKinds = complaintEventFactsSchema.options.map(
  (option) => option.shape.kind.value,
) as ComplaintEventKind[];

/** The stored row: the facts, which complaint, when it was written down and by whom. */
export const complaintEventSchema = z
  .object({
    id: z.string().min(1),
    complaintId: z.string().min(1),
    at: instantSchema,
    by: z.string().min(1),
    facts: complaintEventFactsSchema,
  })
  .extend(provenanceSchema.shape)
  .strict();
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;

export type ComplaintState = 'open' | 'contacted' | 'resolved' | 'closed';

export type DerivedComplaint = {
  state: ComplaintState;
  /** Who must act now: the receiver until someone is assigned (首诉负责制). */
  owner: string;
  /** The earliest time the complainant was reached, once they were. */
  firstContactAt?: string;
  escalated: boolean;
  /** The events in timeline order (at, then id). */
  timeline: ComplaintEvent[];
  /** Events that arrived from another PC after the complaint was closed there: shown, not applied. */
  ignored: ComplaintEvent[];
};

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Timeline order, the same on every PC: by the time written, then by the causal stamp (two events
 * one PC wrote in the same millisecond keep the order they were written in), then by id.
 */
export const byTimeline = (a: ComplaintEvent, b: ComplaintEvent): number =>
  Date.parse(a.at) - Date.parse(b.at) || compareText(a.hlc, b.hlc) || compareText(a.id, b.id);

/**
 * The events sorted by `byTimeline`, each time parsed once rather than at every comparison (the
 * complaints report derives thousands of complaints at a time); already in order, as the store
 * usually gives them, nothing is sorted.
 */
const inTimelineOrder = (events: readonly ComplaintEvent[]): ComplaintEvent[] => {
  const ms = events.map((event) => Date.parse(event.at));
  const compare = (i: number, j: number) =>
    ms[i]! - ms[j]! ||
    compareText(events[i]!.hlc, events[j]!.hlc) ||
    compareText(events[i]!.id, events[j]!.id);
  let ordered = true;
  for (let i = 1; i < events.length && ordered; i++) ordered = compare(i - 1, i) <= 0;
  if (ordered) return [...events];
  return Array.from(events.keys())
    .sort(compare)
    .map((i) => events[i]!);
};

const earlier = (a: string | undefined, b: string): string =>
  a === undefined || Date.parse(b) < Date.parse(a) ? b : a;

/** The state of a complaint received by `receivedBy`, from its events in any order. */
export const deriveComplaint = (
  complaint: { receivedBy: string },
  events: readonly ComplaintEvent[],
): DerivedComplaint => {
  const timeline = inTimelineOrder(events);
  const derived: DerivedComplaint = {
    state: 'open',
    owner: complaint.receivedBy,
    escalated: false,
    timeline,
    ignored: [],
  };
  for (const event of timeline) {
    const facts = event.facts;
    if (derived.state === 'closed' && facts.kind !== 'reopened') {
      derived.ignored.push(event);
      continue;
    }
    switch (facts.kind) {
      case 'contacted':
        derived.firstContactAt = earlier(derived.firstContactAt, facts.contactedAt);
        if (derived.state === 'open') derived.state = 'contacted';
        break;
      case 'assigned':
        derived.owner = facts.to;
        break;
      case 'escalated':
        derived.escalated = true;
        break;
      case 'resolved':
        derived.state = 'resolved';
        break;
      case 'closed':
        derived.state = 'closed';
        break;
      case 'reopened':
        if (derived.state === 'closed')
          derived.state = derived.firstContactAt ? 'contacted' : 'open';
        break;
      default:
        break;
    }
  }
  return derived;
};

/**
 * Which events may be added in a state: after closing only reopening (a closed complaint is never
 * edited); resolving needs a first contact, closing a resolution.
 */
export const allowedEvents = (
  state: ComplaintState,
  options: { anonymous?: boolean } = {},
): ComplaintEventKind[] => {
  switch (state) {
    case 'closed':
      return ['reopened'];
    case 'open':
      // An anonymous complaint has nobody to contact: it is investigated and resolved.
      return options.anonymous
        ? ['note', 'assigned', 'escalated', 'resolved']
        : ['contacted', 'note', 'assigned', 'escalated', 'response-sent'];
    case 'contacted':
      return ['contacted', 'note', 'assigned', 'escalated', 'response-sent', 'resolved'];
    case 'resolved':
      return ['contacted', 'note', 'assigned', 'escalated', 'response-sent', 'closed'];
  }
};

/** Events the current owner may add without complaint.handle (首诉负责制: they keep working on it). */
export const OWNER_EVENTS: readonly ComplaintEventKind[] = ['contacted', 'note', 'response-sent'];
