import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { adminApi, ApiError } from '../api/console-api';
import type { Scope } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { PageHeading } from '../components/page-heading';
import { TextInput } from '../components/text-input';
import { useApiData } from '../components/use-api-data';

export function ScopesPage() {
  const { data, error, reload } = useApiData(() => adminApi.get<{ items: Scope[] }>('/scopes'), []);
  return (
    <>
      <div className="page-head">
        <PageHeading title="Scopes">Scopes</PageHeading>
        <DefineScope onDefined={reload} />
      </div>
      <p className="lead">The API scopes credentials of this organization may hold. Give each credential only the scopes it needs.</p>
      <ErrorMessage error={error} />
      {data && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Scope catalog</caption>
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">Description</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((scope) => (
                <tr key={scope.name}>
                  <th scope="row" className="mono">
                    {scope.name}
                  </th>
                  <td>{scope.description}</td>
                  <td>{scope.builtIn ? 'Built in' : 'Defined here'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DefineScope({ onDefined }: { onDefined: () => Promise<void> }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  return (
    <DialogTrigger onOpenChange={() => (setErrors({}), setError(undefined))}>
      <Button className="button primary">Define scope</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                validationBehavior="aria"
                validationErrors={errors}
                onSubmit={async (event) => {
                  event.preventDefault();
                  const form = new FormData(event.currentTarget);
                  try {
                    await adminApi.post('/scopes', { name: form.get('name'), description: form.get('description') });
                    await onDefined();
                    close();
                  } catch (caught) {
                    if (caught instanceof ApiError && caught.fields.length > 0) setErrors(caught.fieldErrors());
                    else setError(caught);
                  }
                }}
              >
                <Heading slot="title">Define scope</Heading>
                {/* An error goes as soon as its field changes, not at blur: the layout must not move under the pointer. */}
                <TextInput
                  label="Name"
                  name="name"
                  description="Like read:reports: lowercase words, a colon between resource and action."
                  autoFocus
                  onChange={() => setErrors(({ name: _, ...rest }) => rest)}
                />
                <TextInput label="Description" name="description" onChange={() => setErrors(({ description: _, ...rest }) => rest)} />
                <ErrorMessage error={error} />
                <div className="actions">
                  <Button className="button" onPress={close}>
                    Cancel
                  </Button>
                  <Button type="submit" className="button primary">
                    Define
                  </Button>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
