import type { CredentialType } from '../api/types';

/** Everything the wizard collects before "Create"; each step's Next only asks the API's dry run. */
export interface WizardDraft {
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  readonly method: CredentialType;
  readonly credentialName: string;
  readonly expiresInDays: string;
  readonly audiences: string;
  readonly tokenLifetimeSeconds: string;
  readonly scopes: readonly string[];
}

export const EMPTY_DRAFT: WizardDraft = {
  name: '',
  description: '',
  owner: '',
  method: 'oauth_client',
  credentialName: 'default',
  expiresInDays: '90',
  audiences: '',
  tokenLifetimeSeconds: '',
  scopes: [],
};

export const STEPS = ['Details', 'Authentication method', 'Credential', 'Scopes', 'Review'] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

/** A number field as typed: sent as a number when it is one, as typed otherwise, so the API's own check answers. */
const numberOrText = (text: string): number | string => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text);

export function accountRequest(draft: WizardDraft) {
  return { name: draft.name, description: draft.description, ...(draft.owner.trim() ? { owner: draft.owner.trim() } : {}) };
}

export function credentialRequest(draft: WizardDraft) {
  const base = { type: draft.method, name: draft.credentialName, scopes: draft.scopes };
  if (draft.method === 'api_token') return { ...base, expiresInDays: numberOrText(draft.expiresInDays) };
  const audiences = draft.audiences
    .split(/[\s,]+/)
    .map((audience) => audience.trim())
    .filter(Boolean);
  return {
    ...base,
    ...(audiences.length > 0 ? { audiences } : {}),
    ...(draft.tokenLifetimeSeconds.trim() ? { accessTokenLifetimeSeconds: numberOrText(draft.tokenLifetimeSeconds) } : {}),
  };
}

/** Where each field the API may name lives in the wizard: the step to go back to, and the form field to mark. */
export const ACCOUNT_FIELDS: Record<string, { step: StepIndex; field: string }> = {
  name: { step: 0, field: 'name' },
  description: { step: 0, field: 'description' },
  owner: { step: 0, field: 'owner' },
};

export const CREDENTIAL_FIELDS: Record<string, { step: StepIndex; field: string }> = {
  type: { step: 1, field: 'method' },
  name: { step: 2, field: 'credentialName' },
  expiresInDays: { step: 2, field: 'expiresInDays' },
  audiences: { step: 2, field: 'audiences' },
  accessTokenLifetimeSeconds: { step: 2, field: 'tokenLifetimeSeconds' },
  scopes: { step: 3, field: 'scopes' },
};
