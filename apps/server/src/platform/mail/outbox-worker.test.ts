import { expect, test } from 'vitest';
import { OUTBOX_BACKOFF_CAP_MS, outboxBackoffMs } from './outbox-worker.ts';

const middle = () => 0.5;

test('the retry delay starts at 5 seconds and doubles with each failure', () => {
  expect([1, 2, 3, 4, 5].map((n) => outboxBackoffMs(n, middle))).toEqual([
    5_000, 10_000, 20_000, 40_000, 80_000,
  ]);
});

test('the retry delay never exceeds 15 minutes, however many failures', () => {
  expect(outboxBackoffMs(9, middle)).toBe(OUTBOX_BACKOFF_CAP_MS);
  expect(outboxBackoffMs(40, () => 0.999)).toBe(OUTBOX_BACKOFF_CAP_MS);
  expect(outboxBackoffMs(1_000, () => 0.999)).toBe(OUTBOX_BACKOFF_CAP_MS);
});

test('jitter keeps the delay within 20 % of its base', () => {
  expect(outboxBackoffMs(1, () => 0)).toBe(4_000);
  expect(outboxBackoffMs(1, () => 0.999_999)).toBeLessThanOrEqual(6_000);
  expect(outboxBackoffMs(1, () => 0.999_999)).toBeGreaterThan(5_900);
});
