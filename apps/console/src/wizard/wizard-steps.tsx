import { Checkbox, CheckboxGroup, FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { Scope } from '../api/types';
import { TextInput } from '../components/text-input';
import type { WizardDraft } from './wizard-draft';

interface StepProps {
  readonly draft: WizardDraft;
  readonly change: (patch: Partial<WizardDraft>) => void;
}

export function DetailsStep({ draft, change }: StepProps) {
  return (
    <>
      <TextInput
        label="Name"
        name="name"
        value={draft.name}
        onChange={(name) => change({ name })}
        description="Unique in the organization, like billing-export-bot."
        autoFocus
      />
      <TextInput label="Description" name="description" value={draft.description} onChange={(description) => change({ description })} />
      <TextInput
        label="Owner"
        name="owner"
        value={draft.owner}
        onChange={(owner) => change({ owner })}
        description="Optional: the team or person answerable for it."
      />
    </>
  );
}

export function MethodStep({ draft, change }: StepProps) {
  return (
    <RadioGroup
      className="field"
      name="method"
      value={draft.method}
      onChange={(method) => change({ method: method as WizardDraft['method'] })}
    >
      <Label>Authentication method</Label>
      <Radio value="oauth_client" className="radio">
        <span>OAuth 2.0</span>
        <Text slot="description" className="muted">
          A client ID and secret exchanged for short-lived access tokens at /oauth/token (recommended).
        </Text>
      </Radio>
      <Radio value="api_token" className="radio">
        <span>API token</span>
        <Text slot="description" className="muted">
          One long-lived bearer token that expires after a set number of days.
        </Text>
      </Radio>
      <FieldError className="field-error" />
    </RadioGroup>
  );
}

export function CredentialStep({ draft, change }: StepProps) {
  return (
    <>
      <TextInput
        label="Credential name"
        name="credentialName"
        value={draft.credentialName}
        onChange={(credentialName) => change({ credentialName })}
        autoFocus
      />
      {draft.method === 'api_token' ? (
        <TextInput
          label="Expires in days"
          name="expiresInDays"
          inputMode="numeric"
          value={draft.expiresInDays}
          onChange={(expiresInDays) => change({ expiresInDays })}
          description="From 1 to 365."
        />
      ) : (
        <>
          <TextInput
            label="Audiences"
            name="audiences"
            value={draft.audiences}
            onChange={(audiences) => change({ audiences })}
            description="Optional: resource servers its tokens may name (RFC 8707), separated by spaces; the first is the default."
          />
          <TextInput
            label="Token lifetime in seconds"
            name="tokenLifetimeSeconds"
            inputMode="numeric"
            value={draft.tokenLifetimeSeconds}
            onChange={(tokenLifetimeSeconds) => change({ tokenLifetimeSeconds })}
            description="Optional: shorter than the server's default if you like; the organization's cap applies."
          />
        </>
      )}
    </>
  );
}

export function ScopesStep({ draft, change, catalog }: StepProps & { catalog: readonly Scope[] }) {
  return (
    <CheckboxGroup className="field" name="scopes" value={[...draft.scopes]} onChange={(scopes) => change({ scopes })}>
      <Label>Scopes</Label>
      <Text slot="description">Only what this integration needs.</Text>
      {catalog.map((scope) => (
        <Checkbox key={scope.name} value={scope.name} className="checkbox">
          <span className="mono">{scope.name}</span> <span className="muted">{scope.description}</span>
        </Checkbox>
      ))}
      <FieldError className="field-error" />
    </CheckboxGroup>
  );
}

export function ReviewStep({ draft }: { draft: WizardDraft }) {
  const oauth = draft.method === 'oauth_client';
  return (
    <dl className="facts">
      <dt>Name</dt>
      <dd>{draft.name}</dd>
      <dt>Description</dt>
      <dd>{draft.description || 'None'}</dd>
      {draft.owner && (
        <>
          <dt>Owner</dt>
          <dd>{draft.owner}</dd>
        </>
      )}
      <dt>Authentication method</dt>
      <dd>{oauth ? 'OAuth 2.0' : 'API token'}</dd>
      <dt>Credential name</dt>
      <dd>{draft.credentialName}</dd>
      {oauth ? (
        <>
          <dt>Audiences</dt>
          <dd>{draft.audiences || 'This server only'}</dd>
          <dt>Token lifetime</dt>
          <dd>{draft.tokenLifetimeSeconds ? `${draft.tokenLifetimeSeconds} seconds` : 'Server default'}</dd>
        </>
      ) : (
        <>
          <dt>Expires in days</dt>
          <dd>{draft.expiresInDays}</dd>
        </>
      )}
      <dt>Scopes</dt>
      <dd>{draft.scopes.length > 0 ? draft.scopes.join(', ') : 'None'}</dd>
    </dl>
  );
}
