import { useLiveQuery } from 'dexie-react-hooks';
import {
  DEFAULT_POLICY,
  POLICY_PRESETS,
  type ComplaintPolicy,
} from '../../../../shared/complaints/complaint';
import { defaultPolicyOf, offeredPolicies } from '../../../../shared/settings/settings';
import { useServices } from '../../app/services';
import { readSetting } from '../../db/settings';

/** The policies the complaint form offers (the presets and the clinic's own) and the one it preselects. */
export type ComplaintPolicies = { offered: ComplaintPolicy[]; preferred: ComplaintPolicy };

export const useComplaintPolicies = (): ComplaintPolicies => {
  const { db } = useServices();
  const settings = useLiveQuery(() => readSetting(db, 'complaints'), [db]);
  // Until the row is read, the presets: the repository applies the stored default anyway.
  if (!settings) return { offered: [...POLICY_PRESETS], preferred: DEFAULT_POLICY };
  return { offered: offeredPolicies(settings), preferred: defaultPolicyOf(settings) };
};
