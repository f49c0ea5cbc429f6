/**
 * The polling loop shared by the job worker and the outbox worker: one batch at a time, the next
 * one at once after a full batch or a kick, else after the interval; the timer never keeps the
 * process alive, and `stop()` waits for the batch in progress.
 */

/** Drives `runBatch` (which returns how many items it handled) on a timer. */
export function createBatchLoop(input: {
  runBatch: () => Promise<number>;
  batchSize: number;
  onError: (error: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  let again = false;
  let interval = 1_000;

  function schedule(delayMs: number): void {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = input
      .runBatch()
      .then((handled) => {
        // A full batch probably left more behind: drain without waiting.
        if (handled >= input.batchSize) again = true;
      })
      .catch(input.onError)
      .finally(() => {
        running = undefined;
        schedule(again ? 0 : interval);
      });
  }

  return {
    /** Starts polling every `intervalMs` (no-op when already started). */
    start(intervalMs = 1_000): void {
      interval = intervalMs;
      if (started) return;
      started = true;
      schedule(0);
    },
    /** Stops polling and resolves once the batch in progress, if any, has finished. */
    async stop(): Promise<void> {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    /** Runs a batch soon (after an enqueue commits); no-op when stopped. */
    kick(): void {
      if (!started) return;
      if (running) again = true;
      else schedule(0);
    },
  };
}

/** A batch loop. */
export type BatchLoop = ReturnType<typeof createBatchLoop>;
