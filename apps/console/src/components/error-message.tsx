/** A failed call, announced at once (role="alert"). */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-message">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}
