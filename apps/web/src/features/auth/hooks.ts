/** Hooks of the sign-in and recovery screens. */
import { useEffect, useState } from 'react';

/** Seconds left before `seconds` have elapsed since mount (0 when done); ticks every second. */
export function useCountdown(seconds: number): number {
  const [remaining, setRemaining] = useState(Math.max(0, Math.ceil(seconds)));
  useEffect(() => {
    if (remaining <= 0) return;
    const timer = window.setTimeout(() => setRemaining((value) => value - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [remaining]);
  return remaining;
}
