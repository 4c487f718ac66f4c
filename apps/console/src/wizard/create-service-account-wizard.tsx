import { useEffect, useRef, useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { adminApi, ApiError } from '../api/console-api';
import type { CreatedCredential, Scope } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { PageHeading } from '../components/page-heading';
import { SecretReveal } from '../components/secret-reveal';
import { useApiData } from '../components/use-api-data';
import { WizardProgress } from './wizard-progress';
import {
  ACCOUNT_FIELDS,
  accountRequest,
  CREDENTIAL_FIELDS,
  credentialRequest,
  EMPTY_DRAFT,
  STEPS,
  type StepIndex,
  type WizardDraft,
} from './wizard-draft';
import { CredentialStep, DetailsStep, MethodStep, ReviewStep, ScopesStep } from './wizard-steps';

interface Created {
  readonly accountId: string;
  readonly credential: CreatedCredential;
}

/**
 * Create service account → authentication method → credential → scopes → review → the secret, once.
 * Each "Next" asks the API's dry run (?dryRun=true) and shows its messages next to the step's fields;
 * nothing is created before "Create", whose refusals go back to the step that holds the field.
 */
export function CreateServiceAccountWizard() {
  const [draft, setDraft] = useState<WizardDraft>(EMPTY_DRAFT);
  const [step, setStep] = useState<StepIndex>(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [accountId, setAccountId] = useState<string>();
  const [created, setCreated] = useState<Created>();
  const [busy, setBusy] = useState(false);
  const catalog = useApiData(() => adminApi.get<{ items: Scope[] }>('/scopes'), []);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  // Each new step is announced: focus moves to its heading (the page heading has it on the first).
  useEffect(() => {
    if (firstStep.current) firstStep.current = false;
    else stepHeading.current?.focus();
  }, [step]);

  const change = (patch: Partial<WizardDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))));
  };
  const goTo = (next: StepIndex) => {
    setError(undefined);
    setStep(next);
  };

  /** The API's field errors, on the first step that holds one of them. */
  const showFieldErrors = (caught: unknown, fields: Record<string, { step: StepIndex; field: string }>): boolean => {
    if (!(caught instanceof ApiError)) return false;
    const located = caught.fields.flatMap(({ field, reason }) => {
      const place = fields[field.split('.')[0]];
      return place ? [{ ...place, reason }] : [];
    });
    if (located.length === 0) return false;
    setErrors(Object.fromEntries(located.map(({ field, reason }) => [field, reason])));
    setStep(Math.min(...located.map(({ step: s }) => s)) as StepIndex);
    return true;
  };

  /** The dry run of what this step feeds; true when it names none of this step's fields. */
  const validateStep = async (): Promise<boolean> => {
    const request = dryRunOf(step, draft, accountId);
    if (!request) return true;
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.post(request.path, request.body);
      return true;
    } catch (caught) {
      if (request.bodyOnly && caught instanceof ApiError && caught.status === 404) return true;
      if (!(caught instanceof ApiError) || caught.fields.length === 0) {
        setError(caught);
        return false;
      }
      const here = caught.fields.flatMap(({ field, reason }) => {
        const place = request.fields[field.split('.')[0]];
        return place?.step === step ? [[place.field, reason]] : [];
      });
      // A field of a later step (no scopes chosen yet) is that step's business.
      setErrors(Object.fromEntries(here));
      return here.length === 0;
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    setBusy(true);
    setError(undefined);
    let id = accountId;
    try {
      if (!id) {
        id = (await adminApi.post<{ id: string }>('/service-accounts', accountRequest(draft))).id;
        setAccountId(id);
      }
    } catch (caught) {
      if (!showFieldErrors(caught, ACCOUNT_FIELDS)) setError(caught);
      setBusy(false);
      return;
    }
    try {
      const credential = await adminApi.post<CreatedCredential>(`/service-accounts/${id}/credentials`, credentialRequest(draft));
      setCreated({ accountId: id, credential });
    } catch (caught) {
      // The account exists now: "Create" again makes only the credential.
      if (!showFieldErrors(caught, CREDENTIAL_FIELDS)) setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (created) return <CreatedSecret created={created} />;
  const last = step === STEPS.length - 1;
  return (
    <>
      <PageHeading title="Create service account">Create service account</PageHeading>
      <WizardProgress current={step} />
      {accountId && <p role="status">The service account {draft.name} was created; correct the credential and press Create again.</p>}
      <Form
        className="wizard-step"
        validationBehavior="aria"
        validationErrors={errors}
        aria-labelledby="wizard-step-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (last) void create();
          else void validateStep().then((valid) => valid && goTo((step + 1) as StepIndex));
        }}
      >
        <h2 id="wizard-step-title" ref={stepHeading} tabIndex={-1}>
          {STEPS[step]}
        </h2>
        {step === 0 && <DetailsStep draft={draft} change={change} />}
        {step === 1 && <MethodStep draft={draft} change={change} />}
        {step === 2 && <CredentialStep draft={draft} change={change} />}
        {step === 3 && <ScopesStep draft={draft} change={change} catalog={catalog.data?.items ?? []} />}
        {step === 4 && <ReviewStep draft={draft} />}
        <ErrorMessage error={error ?? catalog.error} />
        <div className="actions">
          {step > 0 && (
            <Button className="button" onPress={() => goTo((step - 1) as StepIndex)}>
              Back
            </Button>
          )}
          <Button type="submit" className="button primary" isPending={busy}>
            {last ? 'Create' : 'Next'}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** Not an account: the credential's dry run then checks the body's own fields and answers 404 after. */
const NO_ACCOUNT_YET = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

/**
 * What "Next" validates: the account's dry run on Details; on Credential and Scopes the credential's,
 * a full decision once the account exists (a retry after a refused credential), else its body only.
 */
function dryRunOf(step: StepIndex, draft: WizardDraft, accountId: string | undefined) {
  if (step === 0 && !accountId)
    return { path: '/service-accounts?dryRun=true', body: accountRequest(draft), fields: ACCOUNT_FIELDS, bodyOnly: false };
  if (step !== 2 && step !== 3) return undefined;
  return {
    path: `/service-accounts/${accountId ?? NO_ACCOUNT_YET}/credentials?dryRun=true`,
    body: credentialRequest(draft),
    fields: CREDENTIAL_FIELDS,
    bodyOnly: !accountId,
  };
}

function CreatedSecret({ created: { accountId, credential } }: { created: Created }) {
  return (
    <>
      <PageHeading title="Save the secret">Save the secret of {credential.name}</PageHeading>
      {credential.type === 'api_token' ? (
        <SecretReveal label="API token" secret={credential.token} />
      ) : credential.clientSecret ? (
        <SecretReveal label="Client secret" secret={credential.clientSecret} clientId={credential.clientId} />
      ) : (
        <p>This client authenticates with its own keys (private_key_jwt): there is no secret. Client ID: {credential.clientId}</p>
      )}
      <p>
        <Link href={`/service-accounts/${accountId}`}>Go to the service account</Link>
      </p>
    </>
  );
}
