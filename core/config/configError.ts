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

function shown(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(value);
  return text && text.length > 80 ? `${text.slice(0, 77)}...` : String(text);
}

/** Turns zod issues into one sentence each: "key: got <value>, expected <what>". */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${keyPath([...issue.path, key])}: unknown key (not a setting AlphaTrader knows; check the spelling)`);
    }
    return [`${keyPath(issue.path)}: got ${shown(issue.input)}, expected ${issue.message}`];
  });
}
