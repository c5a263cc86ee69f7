import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for the crash test and the 130,000-mail bench: it keeps only
 * each accepted message's Message-ID and recipient (read from the headers, not parsed with
 * mailparser, which would cost more CPU than the sender being measured) and calls `onMessage`
 * before answering 250, so a test can kill the sender between the server's acceptance and the
 * sender's 'sent' mark — the window that makes delivery at-least-once.
 */
export interface CountingSink {
  url: string;
  /** Raw messages accepted, duplicates included. */
  readonly accepted: number;
  /** Message-ID → how many times it was accepted. */
  readonly byMessageId: Map<string, { to: string; times: number }>;
  onMessage(listener: (messageId: string, to: string) => void): void;
  close(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  const byMessageId = new Map<string, { to: string; times: number }>();
  const listeners: Array<(messageId: string, to: string) => void> = [];
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1_000_000,
    maxClients: 256,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '(none)';
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        accepted++;
        const seen = byMessageId.get(messageId);
        if (seen) seen.times++;
        else byMessageId.set(messageId, { to, times: 1 });
        for (const listener of listeners) listener(messageId, to);
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a sender killed mid-session is expected here
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    byMessageId,
    onMessage: (listener) => void listeners.push(listener),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
