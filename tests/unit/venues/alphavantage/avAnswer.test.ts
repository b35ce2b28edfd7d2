import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError, type AvErrorKind } from '../../../../core/venues/alphavantage/avError';
import { fixtureText } from './fixtures';

function failureOf(body: string, call = 'RSI SPY'): AvError {
  try {
    readAnswer(body, call);
  } catch (error) {
    if (error instanceof AvError) return error;
    throw error;
  }
  throw new Error('expected readAnswer to refuse the answer');
}

describe('reading an Alpha Vantage answer', () => {
  it.each<[string, AvErrorKind, boolean]>([
    ['throttle_note.json', 'throttled', true],
    ['throttle_information.json', 'throttled', true],
    ['premium_information.json', 'premium', false],
    ['error_invalid_call.json', 'api_error', false],
    ['error_bad_apikey.json', 'api_error', false],
  ])('classifies %s as %s (retryable: %s)', (fixture, kind, retryable) => {
    const error = failureOf(fixtureText(fixture));
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.message.startsWith('RSI SPY: ')).toBe(true);
  });

  it('reports a truncated body as malformed JSON with its size', () => {
    const body = fixtureText('realtime_options_truncated.txt');
    const error = failureOf(body, 'REALTIME_OPTIONS SPY');
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`REALTIME_OPTIONS SPY: the answer is not valid JSON (${body.length} bytes`);
  });

  it('refuses JSON that is not an object', () => {
    expect(failureOf('[1,2]').message).toBe('RSI SPY: expected a JSON object, got an array');
    expect(failureOf('null').kind).toBe('malformed');
  });

  it('treats an unknown Information answer as information, not data', () => {
    expect(failureOf('{"Information": "The demo API key is for demo purposes only."}').kind).toBe('information');
  });

  it('passes a data answer through', () => {
    expect(readAnswer(fixtureText('realtime_options_unknown_symbol.json'), 'REALTIME_OPTIONS XYZQ')).toMatchObject({ data: [] });
  });
});
