import { moduleLogger } from '../runtime/logger';

const log = moduleLogger('store');

/**
 * A stored JSON object that passes `looksRight`, else null: nothing stored, or something unreadable (logged and told
 * to `onUnreadable`, so it is counted as bad input; one bad value must not stop a start-up).
 */
export function storedJson(key: string, text: string | null, looksRight: (value: Record<string, unknown>) => boolean, onUnreadable: (problem: string) => void): unknown {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && looksRight(value as Record<string, unknown>)) return value;
  } catch {
    // not JSON: reported below
  }
  log.warn({ key, entry: text.slice(0, 80) }, 'unreadable stored value skipped');
  onUnreadable(`${key} holds a value that cannot be read: ${text.slice(0, 80)}`);
  return null;
}
