import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../../../core/config/configError';
import { loadConfigFile } from '../../../core/config/loadConfig';
import { tempDir } from '../../support/testRedis';

/** A config file of `prefix` (the symbols) and `text`, loaded as the engine loads one. */
export function loadConfigText(prefix: string, text: string) {
  const file = path.join(tempDir('alphatrader-config-text-'), 'config.yaml');
  fs.writeFileSync(file, `${prefix}${text}`);
  return loadConfigFile(file);
}

/** The message of the ConfigError such a file is refused with (fails the test when it loads). */
export function configProblems(prefix: string, text: string): string {
  try {
    loadConfigText(prefix, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}
