import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parseDocument } from 'yaml';
import { ConfigError, describeIssues } from './configError';
import { configSchema, envSchema, type AppConfig, type AppEnv } from './configSchema';

/** Reads and validates config.yaml; any problem throws a ConfigError naming file, key, value and expectation. */
export function loadConfigFile(file: string): AppConfig {
  if (!fs.existsSync(file)) throw new ConfigError(file, ['file not found']);
  const document = parseDocument(fs.readFileSync(file, 'utf8'));
  if (document.errors.length > 0) {
    throw new ConfigError(file, document.errors.map((e) => `YAML syntax: ${e.message.split('\n')[0]}`));
  }
  const data: unknown = document.toJS() ?? {};
  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ConfigError(file, describeIssues(result.error.issues, data));
  return result.data;
}

/** Merges `.env` (if present) under the process environment, which wins, and validates the known variables. */
export function loadEnv(envFile: string, processEnv: NodeJS.ProcessEnv = process.env): AppEnv {
  const fromFile = fs.existsSync(envFile) ? parseDotenv(fs.readFileSync(envFile)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const key of Object.keys(envSchema.shape)) {
    const value = processEnv[key];
    if (value !== undefined && value !== '') merged[key] = value;
    else if (merged[key] === '') delete merged[key];
  }
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, merged[k]]).filter(([, v]) => v !== undefined));
  const result = envSchema.safeParse(known, { reportInput: true });
  if (!result.success) throw new ConfigError(`environment (${path.basename(envFile)} or process env)`, describeIssues(result.error.issues, known));
  return result.data;
}
