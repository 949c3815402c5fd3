import { parseStatuses } from "../core/headers/auth-status";
import { parseSiteList } from "../core/site-name";
import type { Settings } from "./settings";

/**
 * What an organisation sets for all its browsers through managed storage (Chrome's
 * `managed_schema`, public/managed_schema.json; Firefox's `policies.json` under `3rdparty`).
 * A field set here wins over the person's choice and is shown as "set by your organisation".
 */
export interface Policy {
  bannerEnabled?: boolean;
  /** Sites AuthLens records nothing on, besides the person's own. */
  ignoredSites?: string[];
  statuses?: number[];
  lookCloserAllowed?: boolean;
}

export type PolicyKey = keyof Policy;

/** The slice of `storage.managed` read: Firefox rejects when no policy names AuthLens, Chrome answers {}. */
export interface ManagedAreaPort {
  get(keys: null): Promise<Record<string, unknown>>;
}

/** Keeps each well-typed field of what the administrator set and drops the rest (a typo must not turn AuthLens off). */
export function parsePolicy(value: unknown): Policy {
  const v = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const policy: Policy = {};
  if (typeof v.bannerEnabled === "boolean") policy.bannerEnabled = v.bannerEnabled;
  if (typeof v.lookCloserAllowed === "boolean") policy.lookCloserAllowed = v.lookCloserAllowed;
  const ignoredSites = parseSiteList(v.ignoredSites);
  if (ignoredSites) policy.ignoredSites = ignoredSites;
  const statuses = parseStatuses(v.statuses);
  if (statuses) policy.statuses = statuses;
  return policy;
}

/** The settings in force: the organisation's fields over the person's; its ignored sites added to theirs. */
export function applyPolicy(own: Settings, policy: Policy): Settings {
  return {
    ...own,
    ...(policy.bannerEnabled !== undefined ? { bannerEnabled: policy.bannerEnabled } : {}),
    ...(policy.lookCloserAllowed !== undefined ? { lookCloserAllowed: policy.lookCloserAllowed } : {}),
    ...(policy.statuses ? { statuses: policy.statuses } : {}),
    ...(policy.ignoredSites ? { ignoredSites: [...new Set([...policy.ignoredSites, ...own.ignoredSites])] } : {}),
  };
}

/**
 * What of `next` (settings in force, changed) is the person's to keep: the organisation's fields
 * stay as the person last had them, and its ignored sites are not copied into theirs (so nothing of
 * the policy lingers once it is lifted).
 */
export function withoutPolicy(next: Settings, own: Settings, policy: Policy): Settings {
  return {
    ...next,
    ...(policy.bannerEnabled !== undefined ? { bannerEnabled: own.bannerEnabled } : {}),
    ...(policy.lookCloserAllowed !== undefined ? { lookCloserAllowed: own.lookCloserAllowed } : {}),
    ...(policy.statuses ? { statuses: own.statuses } : {}),
    ...(policy.ignoredSites ? { ignoredSites: next.ignoredSites.filter((s) => !policy.ignoredSites?.includes(s)) } : {}),
  };
}

/** The organisation's policy, or none when there is none or it cannot be read. */
export async function readPolicy(managed: ManagedAreaPort | undefined): Promise<Policy> {
  if (!managed) return {};
  try {
    return parsePolicy(await managed.get(null));
  } catch {
    return {};
  }
}
