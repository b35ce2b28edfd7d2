import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parseDocument } from 'yaml';
import { ConfigError, describeIssues } from './configError';
import { configSchema, envSchema, type AppConfig, type AppEnv } from './configSchema';

/** Reads a settings file; one that exists but cannot be read (a folder, no permission) is a ConfigError too. */
function readSettingsFile(file: string, source = file): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : message;
    throw new ConfigError(source, [`cannot read ${file}: ${why}`]);
  }
}

/** Reads and validates config.yaml; any problem throws a ConfigError naming file, key, value and expectation. */
export function loadConfigFile(file: string): AppConfig {
  if (!fs.existsSync(file)) throw new ConfigError(file, ['file not found']);
  const document = parseDocument(readSettingsFile(file));
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
  const source = `environment (${path.basename(envFile)} or process env)`;
  const fromFile = fs.existsSync(envFile) ? parseDotenv(readSettingsFile(envFile, source)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const key of Object.keys(envSchema.shape)) {
    const value = processEnv[key];
    if (value !== undefined && value !== '') merged[key] = value;
    else if (merged[key] === '') delete merged[key];
  }
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, merged[k]]).filter(([, v]) => v !== undefined));
  const result = envSchema.safeParse(known, { reportInput: true });
  if (!result.success) throw new ConfigError(source, describeIssues(result.error.issues, known));
  return result.data;
}
