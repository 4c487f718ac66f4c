import { useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ErrorMessage } from '../components/error-message';
import { TextInput } from '../components/text-input';
import { useSession } from '../session/session-context';

/** Sign in with an admin credential: the server exchanges it for an access token and keeps that in an HttpOnly cookie. */
export function SignInPage({ notice }: { notice?: string }) {
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · keyward console';
  }, []);
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to keyward</h1>
      {notice && <p role="status">{notice}</p>}
      <p>Use the client ID and secret of an admin service account (`npm run cli -- bootstrap` prints the first one).</p>
      <Form
        validationBehavior="aria"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBusy(true);
          setError(undefined);
          try {
            await signIn(String(form.get('clientId') ?? ''), String(form.get('clientSecret') ?? ''));
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput label="Client ID" name="clientId" autoComplete="username" isRequired />
        <TextInput label="Client secret" name="clientSecret" type="password" autoComplete="current-password" isRequired />
        <ErrorMessage error={error} />
        <Button type="submit" className="button primary" isPending={busy}>
          Sign in
        </Button>
      </Form>
    </main>
  );
}
