import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ErrorMessage } from './error-message';

interface ConfirmActionProps {
  /** The button that opens the confirmation, and the one that confirms. */
  readonly label: string;
  readonly title: string;
  readonly children: ReactNode;
  readonly onConfirm: () => Promise<void>;
  readonly destructive?: boolean;
}

/** A destructive action asks first (role="alertdialog"): Cancel is focused, the action is named on its button. */
export function ConfirmAction({ label, title, children, onConfirm, destructive = true }: ConfirmActionProps) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return (
    <DialogTrigger onOpenChange={() => setError(undefined)}>
      <Button className={destructive ? 'button danger' : 'button'}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                <div className="dialog-body">{children}</div>
                <ErrorMessage error={error} />
                <div className="actions">
                  <Button className="button" onPress={close} autoFocus>
                    Cancel
                  </Button>
                  <Button
                    className={destructive ? 'button danger' : 'button primary'}
                    isPending={busy}
                    onPress={async () => {
                      setBusy(true);
                      try {
                        await onConfirm();
                        close();
                      } catch (caught) {
                        setError(caught);
                      } finally {
                        setBusy(false);
                      }
                    }}
                  >
                    {label}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
