import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';

interface SecretRevealProps {
  readonly label: 'Client secret' | 'API token';
  readonly secret: string;
  readonly clientId?: string;
}

/** The secret as the server answered it, once: kept only in this component's state, gone when the page is left. */
export function SecretReveal({ label, secret, clientId }: SecretRevealProps) {
  return (
    <div className="secret-reveal">
      <p className="notice">
        <strong>This {label.toLowerCase()} is shown once.</strong> Save it somewhere safe now, such as your secret manager: keyward keeps
        only a hash of it and cannot show it again.
      </p>
      {clientId && <CopyableValue label="Client ID" value={clientId} copyLabel="Copy client ID" />}
      <CopyableValue label={label} value={secret} copyLabel="Copy" />
    </div>
  );
}

function CopyableValue({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied to the clipboard');
    } catch {
      setStatus('Copying was refused by the browser: select the text and copy it');
    }
  };
  return (
    <div className="copyable">
      <TextField className="field" value={value} isReadOnly>
        <Label>{label}</Label>
        <Input className="mono" spellCheck={false} autoComplete="off" onFocus={(event) => event.currentTarget.select()} />
      </TextField>
      <Button className="button" onPress={copy}>
        {copyLabel}
      </Button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </div>
  );
}
