import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowupSendError } from './followup-failure';
import { sendSlackFollowup } from './send-followup';

// The real WebClient against a local HTTP server answering as told: which failures may have
// been carried out by Slack (`maybeDelivered`) and which posted nothing.
let answer: { status: number; body: string } = { status: 200, body: '{"ok":true}' };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const followup = { channelId: 'C1', threadTs: '1.2', question: 'Q?', answer: 'A.', messageId: 'm-1' };
async function failure(slackApiUrl: string): Promise<FollowupSendError> {
  const error = await sendSlackFollowup({ botToken: 'xoxb-test', slackApiUrl }, followup).catch((e) => e);
  expect(error).toBeInstanceOf(FollowupSendError);
  return error as FollowupSendError;
}

describe('classifySlackFailure, through sendSlackFollowup', () => {
  it('connection refused: nothing reached Slack, retried without a look-up', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await failure(`http://127.0.0.1:${port}/api/`)).toMatchObject({
      code: 'econnrefused',
      permanent: false,
      maybeDelivered: false,
    });
  });

  it('HTTP 5xx and internal_error may have been posted; 4xx and ok:false errors were not', async () => {
    const cases: [number, string, Partial<FollowupSendError>][] = [
      [502, 'bad gateway', { code: 'http_502', maybeDelivered: true, canCheck: true }],
      [404, 'not found', { code: 'http_404', maybeDelivered: false, permanent: false }],
      [200, '{"ok":false,"error":"internal_error"}', { code: 'internal_error', maybeDelivered: true }],
      [200, '{"ok":false,"error":"channel_not_found"}', { code: 'channel_not_found', permanent: true }],
      [200, '{"ok":false,"error":"invalid_blocks"}', { code: 'invalid_blocks', maybeDelivered: false }],
    ];
    for (const [status, body, expected] of cases) {
      answer = { status, body };
      expect(await failure(url)).toMatchObject(expected);
    }
  });
});
