/**
 * Background work that runs inside the server process on a fixed period: the audit sealer, overdue
 * sweeps, the webhook outbox. Each run finishes before the next is scheduled, a failure is logged and
 * the job carries on, and every job is written to be safe when several server processes run it at once.
 */
import { observeJobRun } from "./metrics";

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

export function startJobs(jobs: Job[], log: (message: string, error: unknown) => void): JobRunner {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  for (const job of jobs) {
    const tick = () => {
      if (stopped) return;
      const run = job
        .run()
        .then(
          () => observeJobRun(job.name, false),
          (error: unknown) => {
            observeJobRun(job.name, true);
            log(`job ${job.name} failed`, error);
          },
        )
        .finally(() => {
          running.delete(run);
          if (!stopped) timers.add(setTimeout(tick, job.everyMs).unref());
        });
      running.add(run);
    };
    timers.add(setTimeout(tick, job.everyMs).unref());
  }
  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
