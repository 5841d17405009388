import type { ComplaintState } from '../../../../shared/complaints/complaint-event';

/**
 * The text key of a complaint's state, wherever it is shown or exported: an anonymous complaint
 * not yet resolved has nobody to call back, so it waits to be looked into (待处理), not for a
 * first contact (待联系).
 */
export const stateLabelKey = (state: ComplaintState, anonymous: boolean): string =>
  anonymous && state === 'open' ? 'complaints.openAnonymous' : `complaints.state.${state}`;
