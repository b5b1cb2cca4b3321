/**
 * The baseline for the HTTP benchmark: a bare Koa 3 + @koa/router POST route that reads and
 * parses a JSON body and answers a JSON message of Clara's size, with no work in between.
 * Run as a child process: prints `listening URL` on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';

const app = new Koa();
const router = new Router();
router.post('/api/chat', async (ctx) => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message_id: string; message: string };
  ctx.body = {
    message: {
      message_id: body.message_id,
      role: 'assistant',
      content: `Here is how we handle ${body.message.slice(0, 40)}: see the page in your app or contact support.`,
      timestamp: new Date().toISOString(),
      suggestion_chips: ['How do I top up?', 'Where is my card?', 'Can I change my PIN?'],
      gap_detected: false,
      matched_qa_ids: [],
      confidence: 0.9,
      escalation_offered: false,
    },
  };
});
app.use(router.routes());
const server = createServer(app.callback());
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
