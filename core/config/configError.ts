import type { z } from 'zod';

/** A config or environment problem that stops start-up. The message names file, key, value and expectation. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[') || '(top level)';
}

/**
 * Blanks out the credentials of anything that looks like a URL with them (`redis://:secret@host`), malformed
 * ones included: everything between the scheme and the last `@`.
 */
function redactCredentials(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/*/i.exec(text)?.[0] ?? '';
  return `${scheme}***${text.slice(at)}`;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(typeof value === 'string' ? redactCredentials(value) : value);
  return text && text.length > 80 ? `${text.slice(0, 77)}...` : String(text);
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** zod says "Too small: expected number to be >0"; after "got -5, expected" that reads better as "number to be >0". */
function expectation(message: string): string {
  return message.replace(/^[A-Z][a-z ]*: (expected )?/, '').replace(/, received \w+$/, '');
}

/**
 * Turns zod issues into one sentence each: "key: got <value>, expected <what>". With `root`, the value shown is
 * the one the user wrote (before any coercion).
 */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>, root?: unknown): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${keyPath([...issue.path, key])}: unknown key (not a setting AlphaTrader knows; check the spelling)`);
    }
    if (issue.code === 'custom') return [`${keyPath(issue.path)}: ${issue.message}`];
    const value = root === undefined ? issue.input : valueAt(root, issue.path);
    return [`${keyPath(issue.path)}: got ${shown(value)}, expected ${expectation(issue.message)}`];
  });
}
