import { useState } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Dialog,
  DialogTrigger,
  FieldError,
  Form,
  Heading,
  Label,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { adminApi, ApiError } from '../api/console-api';
import type { CredentialSummary, Scope } from '../api/types';
import { ErrorMessage } from '../components/error-message';

export function EditScopes({
  path,
  credential,
  catalog,
  onSaved,
}: {
  path: string;
  credential: CredentialSummary;
  catalog: readonly Scope[];
  onSaved: () => Promise<void>;
}) {
  const [scopes, setScopes] = useState<string[]>([...credential.scopes]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  return (
    <DialogTrigger onOpenChange={(open) => open && (setScopes([...credential.scopes]), setErrors({}), setError(undefined))}>
      <Button className="button">Edit scopes</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                validationBehavior="aria"
                validationErrors={errors}
                onSubmit={async (event) => {
                  event.preventDefault();
                  try {
                    await adminApi.patch(path, { scopes });
                    await onSaved();
                    close();
                  } catch (caught) {
                    if (caught instanceof ApiError && caught.fields.length > 0) setErrors(caught.fieldErrors());
                    else setError(caught);
                  }
                }}
              >
                <Heading slot="title">Scopes of {credential.name}</Heading>
                <CheckboxGroup className="field" name="scopes" value={scopes} onChange={setScopes}>
                  <Label>Scopes</Label>
                  {catalog.map((scope) => (
                    <Checkbox key={scope.name} value={scope.name} className="checkbox">
                      <span className="mono">{scope.name}</span> <span className="muted">{scope.description}</span>
                    </Checkbox>
                  ))}
                  <FieldError className="field-error" />
                </CheckboxGroup>
                <ErrorMessage error={error} />
                <div className="actions">
                  <Button className="button" onPress={close}>
                    Cancel
                  </Button>
                  <Button type="submit" className="button primary">
                    Save
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
