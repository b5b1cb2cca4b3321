import { ClaraError } from '@clara/core';
import { describe, expect, it } from 'vitest';
import { connectorRefused } from './connector-refused';
import { TeamsTokenError } from './token-failure';

const restError = (
  statusCode: number,
  url = 'https://smba.trafficmanager.net/emea/v3/conversations/a/activities',
) => Object.assign(new Error('Forbidden'), { name: 'RestError', statusCode, request: { url } });

describe('connectorRefused', () => {
  it('makes the Bot Connector’s HTTP error an unavailable naming the host and status, nothing else', () => {
    const error = connectorRefused(restError(403), 'https://smba.trafficmanager.net/emea/');
    expect(error?.code).toBe('unavailable');
    expect(error?.details).toEqual({ unreachable: { host: 'smba.trafficmanager.net', cause: 'http_403' } });
    expect(error?.cause).toBeUndefined();
  });

  it('leaves other failures alone: another host, a token failure, a bug, a ClaraError', () => {
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    expect(connectorRefused(restError(500, 'https://login.example.com/token'), serviceUrl)).toBeNull();
    expect(connectorRefused(new TeamsTokenError('refused', { status: 401 }), serviceUrl)).toBeNull();
    expect(connectorRefused(new TypeError('x is undefined'), serviceUrl)).toBeNull();
    expect(connectorRefused(new ClaraError('internal', 'x'), serviceUrl)).toBeNull();
  });
});
