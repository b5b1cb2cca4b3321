import type { Duplex } from 'node:stream';

/** The status and message for an error Node's HTTP parser raised before any route ran. */
function refusalOf(code: string | undefined): {
  status: number;
  reason: string;
  error: { code: string; message: string };
} {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        error: { code: 'bad_request', message: 'The request line or headers are too large.' },
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        reason: 'Payload Too Large',
        error: { code: 'payload_too_large', message: 'The chunk extensions are too large.' },
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        reason: 'Request Timeout',
        error: { code: 'bad_request', message: 'The request took too long to arrive.' },
      };
    default:
      return {
        status: 400,
        reason: 'Bad Request',
        error: { code: 'bad_request', message: 'The request is not valid HTTP.' },
      };
  }
}

/**
 * The HTTP server's `clientError` listener: what Node's parser refuses (an unknown method,
 * headers over 16 KB, a broken request line) gets the API's `{ error: { code, message } }`
 * JSON with Node's status, then the connection closes. Never the raw bytes in a log.
 */
export function createClientErrorHandler(logger?: { debug(obj: object, msg: string): void }) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // A response already under way on this socket (e.g. a timeout mid-answer), or nobody left
    // to answer: just close.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    const { status, reason, error: body } = refusalOf(error.code);
    logger?.debug({ code: error.code, status }, 'request refused by the HTTP parser');
    const json = JSON.stringify({ error: body });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${json}`,
    );
  };
}
