/**
 * Removes secrets from a text before it is stored, shown or logged: each secret (and its URL-encoded form) becomes
 * [redacted]. A belt to the channel clients' braces: their errors are built without the request, so nothing should
 * be left to remove.
 */
export function redactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const words = [...new Set(secrets.flatMap((s) => (s && s.length >= 4 ? [s, encodeURIComponent(s)] : [])))].sort((a, b) => b.length - a.length);
  return (text) => words.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
