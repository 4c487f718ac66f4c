import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  Heading,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { adminApi } from '../api/console-api';
import type { RotatedClientSecret } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { formatTime } from '../components/format';
import { SecretReveal } from '../components/secret-reveal';

/** The API's graceSeconds (0 – 604800, default 86400), as choices. */
const GRACE_PERIODS = [
  { id: 0, label: 'None: the previous secret stops now' },
  { id: 3600, label: '1 hour' },
  { id: 86400, label: '24 hours' },
  { id: 604800, label: '7 days' },
] as const;

/** A new secret at once; the previous one keeps working for the grace period, so deployments can switch over. */
export function RotateSecret({
  path,
  credentialName,
  onRotated,
}: {
  path: string;
  credentialName: string;
  onRotated: () => Promise<void>;
}) {
  const [grace, setGrace] = useState<number>(86400);
  const [rotated, setRotated] = useState<RotatedClientSecret>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const reset = () => (setRotated(undefined), setError(undefined), setGrace(86400));
  return (
    <DialogTrigger onOpenChange={(open) => !open && reset()}>
      <Button className="button">Rotate secret</Button>
      <ModalOverlay className="modal-overlay">
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">Rotate the secret of {credentialName}</Heading>
                {rotated ? (
                  <>
                    <SecretReveal label="Client secret" secret={rotated.clientSecret} clientId={rotated.clientId} />
                    <p>The previous secret stops working at {formatTime(rotated.previousSecretExpiresAt)}.</p>
                    <div className="actions">
                      <Button className="button primary" onPress={close}>
                        Done
                      </Button>
                    </div>
                  </>
                ) : (
                  <>
                    <Select className="field" selectedKey={grace} onSelectionChange={(key) => setGrace(Number(key))}>
                      <Label>Grace period</Label>
                      <Button className="select-button">
                        <SelectValue />
                        <span aria-hidden="true">▾</span>
                      </Button>
                      <Popover className="popover">
                        <ListBox className="listbox">
                          {GRACE_PERIODS.map((period) => (
                            <ListBoxItem key={period.id} id={period.id} className="option">
                              {period.label}
                            </ListBoxItem>
                          ))}
                        </ListBox>
                      </Popover>
                    </Select>
                    <p>The previous secret stops working at {formatTime(new Date(Date.now() + grace * 1000).toISOString())}.</p>
                    <ErrorMessage error={error} />
                    <div className="actions">
                      <Button className="button" onPress={close}>
                        Cancel
                      </Button>
                      <Button
                        className="button primary"
                        isPending={busy}
                        onPress={async () => {
                          setBusy(true);
                          try {
                            setRotated(await adminApi.post<RotatedClientSecret>(`${path}/rotate`, { graceSeconds: grace }));
                            await onRotated();
                          } catch (caught) {
                            setError(caught);
                          } finally {
                            setBusy(false);
                          }
                        }}
                      >
                        Rotate
                      </Button>
                    </div>
                  </>
                )}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
