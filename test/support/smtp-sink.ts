import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT of the running server. */
  url: string;
  /** Every message accepted so far, parsed. */
  mails: ParsedMail[];
  /** While on, every message is refused with a temporary 451, as a full mailbox or a busy relay does. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (the smtp-server package) that keeps what it accepts, parsed back with mailparser. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Hộp thư tạm thời không nhận'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuse: (on) => (refusing = on),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
