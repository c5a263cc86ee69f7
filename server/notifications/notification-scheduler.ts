import type { Kysely } from 'kysely';
import { targetJudgingDay } from '../../domain/notifications/other-events.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import type { DB } from '../db/schema.ts';
import { writeDailyDigests } from './email-digest.ts';
import { writeReportReminders } from './report-reminders.ts';
import { writeTargetStatusChanges } from './target-notifications.ts';
import { writeTaskReminders } from './task-notifications.ts';

export interface SchedulerRound {
  reportReminders: number;
  taskReminders: number;
  targetTurns: number;
  digests: number;
}

/**
 * Everything the calendar calls for at `now` (injectable): report and task reminders, targets
 * that turned chậm tiến độ or không đạt (once a day: judging every target costs), and the daily
 * digests. Each part is idempotent by its event keys, so every server process may run it and a
 * restart may run it again.
 */
export async function runScheduledNotifications(
  db: Kysely<DB>,
  now: Date,
  channels: { email: boolean },
  options: { judgeTargets: boolean; signal?: AbortSignal } = { judgeTargets: true },
): Promise<SchedulerRound> {
  const today = todayInVietnam(now);
  return {
    reportReminders: await writeReportReminders(db, today, channels),
    taskReminders: await writeTaskReminders(db, today, channels),
    targetTurns: options.judgeTargets ? await writeTargetStatusChanges(db, today, channels, options.signal) : 0,
    digests: channels.email ? await writeDailyDigests(db, now) : 0,
  };
}

/**
 * Runs the round a second after start, then every `intervalMs` (an hour); targets are judged on
 * the first round of each night (00:00–06:00 in Vietnam, `targetJudgingDay`), so an hourly clock
 * judges them once a day and a restart in office hours does not.
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private judgedOn: string | null = null;
  /** Stop asks the round in progress to end early: judging every target of a province takes minutes. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
    private readonly channels: { email: boolean },
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs = 3_600_000): void {
    const tick = () => {
      const now = this.now();
      const night = targetJudgingDay(now);
      const judgeTargets = night !== null && this.judgedOn !== night;
      this.running = runScheduledNotifications(this.db, now, this.channels, { judgeTargets, signal: this.stopping.signal })
        .then(() => {
          if (judgeTargets && !this.stopping.signal.aborted) this.judgedOn = night;
        }, this.onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 1_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running;
  }
}
