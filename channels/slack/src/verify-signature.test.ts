import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from './verify-signature';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather';
const now = 1_531_420_618_000;

describe('verifySlackSignature', () => {
  it("computes the signature Bolt's own verifier accepts", () => {
    const signature = slackSignature(secret, 1531420618, body);
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': 1531420618 };
    expect(isValidSlackRequest({ signingSecret: secret, body, headers, nowMilliseconds: now })).toBe(true);
    expect(isValidSlackRequest({ signingSecret: 'other', body, headers, nowMilliseconds: now })).toBe(false);
  });

  it('returns the index of the secret that signed the request', () => {
    const request = {
      rawBody: body,
      timestamp: '1531420618',
      signature: slackSignature(secret, 1531420618, body),
    };
    expect(verifySlackSignature(request, ['other-secret', secret], now)).toBe(1);
  });

  it('rejects a wrong signature, a changed body, a stale or future timestamp and missing headers', () => {
    const signature = slackSignature(secret, 1531420618, body);
    const ok = { rawBody: body, timestamp: '1531420618', signature };
    expect(() =>
      verifySlackSignature({ ...ok, signature: `${signature.slice(0, -1)}0` }, [secret], now),
    ).toThrow(/does not match/);
    expect(() => verifySlackSignature({ ...ok, rawBody: `${body}x` }, [secret], now)).toThrow(
      /does not match/,
    );
    expect(() => verifySlackSignature(ok, [secret], now + 6 * 60_000)).toThrow(/5 minutes/);
    expect(() => verifySlackSignature(ok, [secret], now - 6 * 60_000)).toThrow(/5 minutes/);
    expect(() => verifySlackSignature({ ...ok, timestamp: undefined }, [secret], now)).toThrow(/Missing/);
    expect(() => verifySlackSignature({ ...ok, timestamp: '12e3' }, [secret], now)).toThrow(/Unix time/);
    expect(() => verifySlackSignature(ok, [], now)).toThrow(/does not match/);
  });
});
