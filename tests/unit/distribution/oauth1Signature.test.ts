import { describe, expect, it } from 'vitest';
import { oauth1Signature, oauthHeaderParams } from '../../support/oauth1Signature';

// X's own worked example ("Creating a signature", developer documentation): its keys, nonce, timestamp and result.
const EXAMPLE = {
  method: 'post',
  baseUrl: 'https://api.twitter.com/1.1/statuses/update.json',
  params: [
    ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
    ['include_entities', 'true'],
    ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
    ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '1318622958'],
    ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
    ['oauth_version', '1.0'],
  ] as Array<[string, string]>,
};

describe('the fake X’s OAuth 1.0a signature check', () => {
  it('computes the signature of X’s published example, so it checks the engine against X’s rules', () => {
    expect(oauth1Signature(EXAMPLE, 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE')).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('reads an Authorization: OAuth header’s percent-encoded parameters and nothing else', () => {
    const params = oauthHeaderParams('OAuth oauth_consumer_key="a%2Bb", oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"');
    expect(Object.fromEntries(params!)).toEqual({ oauth_consumer_key: 'a+b', oauth_signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=' });
    expect(oauthHeaderParams('Bearer abc')).toBeNull();
    expect(oauthHeaderParams(undefined)).toBeNull();
  });
});
