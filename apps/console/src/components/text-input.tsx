import { FieldError, Input, Label, Text, TextField, type TextFieldProps } from 'react-aria-components';

interface TextInputProps extends Omit<TextFieldProps, 'children'> {
  readonly label: string;
  readonly description?: string;
}

/** A labelled text field; the API's message for its `name` shows next to it (Form validationErrors). */
export function TextInput({ label, description, ...props }: TextInputProps) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      <Input />
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </TextField>
  );
}
