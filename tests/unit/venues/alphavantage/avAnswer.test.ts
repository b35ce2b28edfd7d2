import { describe, expect, it } from 'vitest';
import { classifyAnswer, isNoData, readAnswer, screenOptionsAnswer } from '../../../../core/venues/alphavantage/avAnswer';
import { AvError, type AvErrorKind } from '../../../../core/venues/alphavantage/avError';
import { fixtureJson, fixtureText } from './fixtures';

function failureOf(run: () => unknown): AvError {
  try {
    run();
  } catch (error) {
    if (error instanceof AvError) return error;
    throw error;
  }
  throw new Error('expected the answer to be refused');
}

const refusalOf = (body: string, call = 'RSI SPY') => failureOf(() => readAnswer(body, call));

describe('classifying each answer shape the real service sends', () => {
  it.each<[string, string, AvErrorKind, boolean]>([
    ['throttle_information.json', 'a premium plan’s per-minute limit (names premium@alphavantage.co, still throttling)', 'throttled', true],
    ['daily_cap_free.json', 'a free key’s "25 requests per day"', 'daily_cap', false],
    ['daily_cap_key_echo.json', 'the daily cap that echoes the key', 'daily_cap', false],
    ['throttle_note.json', 'the per-minute text under the older Note key', 'throttled', true],
    ['daily_cap_note.json', 'the older free-key Note naming 5 calls per minute and 500 per day', 'daily_cap', false],
    ['premium_information.json', 'a premium function (MACD, VWAP) on a key without a premium plan', 'premium', false],
    ['news_sentiment_not_covered.json', 'NEWS_SENTIMENT "Invalid inputs" for a ticker the feed does not cover', 'not_covered', false],
    ['error_invalid_call.json', 'a bad function or symbol', 'api_error', false],
    ['error_bad_apikey.json', 'a bad key', 'api_error', false],
  ])('%s (%s) is %s, retryable: %s', (fixture, _shape, kind, retryable) => {
    const found = classifyAnswer(fixtureJson(fixture));
    expect(found).toMatchObject({ kind, retryable });
    const error = refusalOf(fixtureText(fixture));
    expect([error.kind, error.retryable]).toEqual([kind, retryable]);
    expect(error.message.startsWith('RSI SPY: ')).toBe(true);
  });

  it('says what a daily cap, a premium refusal and an uncovered ticker mean in words', () => {
    expect(refusalOf(fixtureText('daily_cap_free.json')).message).toMatch(/^RSI SPY: Alpha Vantage's daily limit for this API key is used up: /);
    expect(refusalOf(fixtureText('premium_information.json'), 'MACD SPY').message).toMatch(/^MACD SPY: needs a premium Alpha Vantage plan: /);
    expect(refusalOf(fixtureText('news_sentiment_not_covered.json'), 'NEWS_SENTIMENT SPY').message).toMatch(/^NEWS_SENTIMENT SPY: not covered by Alpha Vantage's news feed: /);
  });

  it('takes {} as "no data", not as a malformed answer', () => {
    expect(classifyAnswer(fixtureJson('empty_object.json'))).toEqual({ kind: 'no_data' });
    expect(readAnswer(fixtureText('empty_object.json'), 'RSI SPY')).toEqual({});
    expect(isNoData({})).toBe(true);
    expect(isNoData(fixtureJson('rsi_empty.json'))).toBe(false); // an empty series is its parser's business
  });

  it('passes data answers through', () => {
    for (const fixture of ['rsi_spy_5min.json', 'news_sentiment_aapl.json', 'realtime_options_unknown_symbol.json']) {
      expect(classifyAnswer(fixtureJson(fixture))).toEqual({ kind: 'data' });
    }
  });

  it('treats an unknown Information answer as information, not data', () => {
    expect(refusalOf('{"Information": "The demo API key is for demo purposes only."}').kind).toBe('information');
  });

  it('reports a truncated body as malformed JSON with its size', () => {
    const body = fixtureText('realtime_options_truncated.txt');
    const error = refusalOf(body, 'REALTIME_OPTIONS SPY');
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`REALTIME_OPTIONS SPY: the answer is not valid JSON (${body.length} bytes`);
  });

  it('refuses JSON that is not an object', () => {
    expect(refusalOf('[1,2]').message).toBe('RSI SPY: expected a JSON object, got an array');
    expect(refusalOf('null').kind).toBe('malformed');
  });
});

describe('screening an options answer before the chain reader sees it', () => {
  it('recognises the artificial XXYYZZ sample a key below the 600/min plan gets as a permanent entitlement problem', () => {
    const body = Buffer.from(fixtureText('realtime_options_not_entitled.json'));
    const error = failureOf(() => screenOptionsAnswer(body, 'REALTIME_OPTIONS SPY'));
    expect(error.kind).toBe('entitlement');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^REALTIME_OPTIONS SPY: your Alpha Vantage plan does not include realtime options: This is a premium endpoint\..*600 requests per minute/);
  });

  it('recognises the sample row even under a message it has not seen', () => {
    const answer = fixtureJson('realtime_options_not_entitled.json');
    const error = failureOf(() => screenOptionsAnswer(JSON.stringify({ ...answer, message: 'success' }), 'REALTIME_OPTIONS SPY'));
    expect(error.kind).toBe('entitlement');
  });

  it('passes chains, an honest empty chain and text to read on; says "no data" for {}', () => {
    expect(screenOptionsAnswer(fixtureText('realtime_options_spy.json'), 'REALTIME_OPTIONS SPY')).toBe('chain');
    expect(screenOptionsAnswer(fixtureText('realtime_options_unknown_symbol.json'), 'REALTIME_OPTIONS XYZQ')).toBe('chain');
    expect(screenOptionsAnswer(fixtureText('realtime_options_truncated.txt'), 'REALTIME_OPTIONS SPY')).toBe('chain');
    expect(screenOptionsAnswer(fixtureText('throttle_information.json'), 'REALTIME_OPTIONS SPY')).toBe('chain'); // readAnswer classifies it
    expect(screenOptionsAnswer(Buffer.from('{}'), 'REALTIME_OPTIONS SPY')).toBe('no_data');
  });
});
