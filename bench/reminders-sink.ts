/**
 * The SMTP sink of bench/reminders.bench.ts in a process of its own, so that receiving 130,000
 * mails does not share the event loop (or the memory figure) of the sender being measured.
 * Prints its URL as the first line; answers { accepted, distinct } to any IPC message.
 */
import { startCountingSink } from '../server/notifications/counting-smtp-sink.ts';

const sink = await startCountingSink();
process.send!({ url: sink.url });
let base = 0;
process.on('message', (message: { reset?: boolean }) => {
  if (message.reset) {
    sink.byMessageId.clear();
    base = sink.accepted;
  }
  process.send!({
    accepted: sink.accepted - base,
    distinct: sink.byMessageId.size,
    duplicates: [...sink.byMessageId.values()].filter((m) => m.times > 1).length,
  });
});
process.on('disconnect', () => void sink.close().then(() => process.exit(0)));
