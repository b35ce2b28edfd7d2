import { describe, expect, it } from 'vitest';
import { loadConfigFile, loadEnv } from '../../../core/config/loadConfig';
import { configProblems, loadConfigText } from './configText';

const minimal = 'symbols:\n  - { symbol: SPY, dataClass: level2 }\n';

describe('morningAnalysis configuration', () => {
  it('defaults to 08:30 New York, OpenAI\'s API and gpt-4o-mini, 60 s per attempt and 3 retries; config.yaml says the same', () => {
    const defaults = { enabled: true, time: '08:30', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutSeconds: 60, maxRetries: 3, temperature: 0.2 };
    expect(loadConfigText(minimal, '').morningAnalysis).toEqual(defaults);
    expect(loadConfigFile('config/config.yaml').morningAnalysis).toEqual(defaults);
  });

  it('names a bad time, URL, retry count and an unknown key', () => {
    const message = configProblems(minimal, 'morningAnalysis:\n  time: "8:30"\n  baseUrl: api.openai.com\n  maxRetries: -1\n  apiKey: sk-x\n');
    expect(message).toContain('morningAnalysis.time: got "8:30", expected a New York time HH:MM such as "08:30"');
    expect(message).toContain('morningAnalysis.baseUrl: got "api.openai.com"');
    expect(message).toContain('morningAnalysis.maxRetries: got -1');
    expect(message).toContain('morningAnalysis.apiKey: unknown key');
  });

  it('takes the key from the environment only', () => {
    expect(loadEnv('/nonexistent/.env', { OPENAI_API_KEY: 'sk-abc' }).OPENAI_API_KEY).toBe('sk-abc');
    expect(loadEnv('/nonexistent/.env', {}).OPENAI_API_KEY).toBeUndefined();
  });
});
