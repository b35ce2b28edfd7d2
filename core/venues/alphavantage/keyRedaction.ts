import { AvError } from './avError';

/** Takes the API key out of a text that may carry it. */
export type Redact = (text: string) => string;

export const REDACTED = '[API key]';

/** Keys this short are not looked for as such (they would clip ordinary words); the patterns below still apply. */
const MIN_KEY_LENGTH = 6;

/**
 * Some Alpha Vantage answers echo the caller's key ("We have detected your API key as ABC123 and …"), and a URL
 * carries it as `apikey=`. Every answer text is redacted before it reaches a log, Redis, the health document or the
 * cockpit: the configured key wherever it appears, and whatever follows "API key as" or `apikey=` (a made-up or
 * mistyped key is echoed too).
 */
export function keyRedactor(apiKey: string): Redact {
  const key = apiKey.trim();
  return (text) => {
    let out = text.replace(/(api\s?key\s+as\s+)[^\s,;]+?(?=[\s,;]|\.(?:\s|$)|$)/gi, `$1${REDACTED}`).replace(/(apikey=)[^&\s"']+/gi, `$1${REDACTED}`);
    if (key.length >= MIN_KEY_LENGTH) out = out.split(key).join(REDACTED);
    return out;
  };
}

/** The same error with its message redacted (kind and retryability kept). */
export function redactError(error: AvError, redact: Redact): AvError {
  const message = redact(error.message);
  return message === error.message ? error : new AvError(error.kind, message, error.retryable);
}
