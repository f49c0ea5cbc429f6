/** Moves keyboard focus to an element when a key changes (a new step, a new page), not on first render. */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/** Focus `target` each time `key` changes after the first render. */
export function useFocusOnChange(target: RefObject<HTMLElement | null>, key: unknown): void {
  const previous = useRef(key);
  useEffect(() => {
    if (Object.is(previous.current, key)) return;
    previous.current = key;
    target.current?.focus();
  }, [target, key]);
}
