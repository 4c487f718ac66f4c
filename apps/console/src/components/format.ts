const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatTime = (iso: string | null | undefined, never = 'Never'): string => (iso ? dateTime.format(new Date(iso)) : never);

/** "3 days", "5 hours", "12 minutes": how long ago an instant was. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** `keyward.client_secret.rotated.v1` → "Client secret rotated". */
export function eventTypeLabel(type: string): string {
  const parts = type
    .replace(/^keyward\./, '')
    .replace(/\.v\d+$/, '')
    .split('.');
  const text = parts
    .join(' ')
    .replace(/_/g, ' ')
    .replace(/\boauth\b/g, 'OAuth')
    .replace(/\bapi\b/g, 'API');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
