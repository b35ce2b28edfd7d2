import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('tests/fixtures/alphavantage');

/** A recorded Alpha Vantage answer body, as text. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}
