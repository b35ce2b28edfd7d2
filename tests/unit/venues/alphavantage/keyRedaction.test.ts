import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError } from '../../../../core/venues/alphavantage/avError';
import { keyRedactor, redactError, REDACTED } from '../../../../core/venues/alphavantage/keyRedaction';
import { fixtureText } from './fixtures';

describe('redacting the API key from answer texts', () => {
  const redact = keyRedactor('K3YTH4TL00KSR34L');

  it('takes the echoed key out of the daily-cap answer, keeping what it says', () => {
    let error: AvError | undefined;
    try {
      readAnswer(fixtureText('daily_cap_key_echo.json'), 'RSI SPY');
    } catch (e) {
      error = redactError(e as AvError, redact);
    }
    expect(error?.kind).toBe('daily_cap');
    expect(error?.message).not.toContain('K3YTH4TL00KSR34L');
    expect(error?.message).toContain(`We have detected your API key as ${REDACTED} and our standard API rate limit is 25 requests per day`);
  });

  it('takes out a different (made-up or mistyped) key the answer echoes, and keys in URLs', () => {
    expect(redact('We have detected your API key as DEMO1234XYZ and our standard API rate limit is 25 requests per day.')).toBe(
      `We have detected your API key as ${REDACTED} and our standard API rate limit is 25 requests per day.`,
    );
    expect(redact('GET /query?function=RSI&apikey=SECRETSECRET&symbol=SPY failed')).toBe(`GET /query?function=RSI&apikey=${REDACTED}&symbol=SPY failed`);
    expect(redact('the key is K3YTH4TL00KSR34L.')).toBe(`the key is ${REDACTED}.`);
  });

  it('removes the configured key wherever it appears, and leaves other text alone', () => {
    expect(redact('prefix K3YTH4TL00KSR34L suffix K3YTH4TL00KSR34L')).toBe(`prefix ${REDACTED} suffix ${REDACTED}`);
    expect(redact('Invalid API call. Please retry or visit the documentation for RSI.')).toBe('Invalid API call. Please retry or visit the documentation for RSI.');
    const badKey = 'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key).';
    expect(redact(badKey)).toBe(badKey);
    expect(keyRedactor('sim')('simulated market')).toBe('simulated market'); // too short to look for as such
  });
});
