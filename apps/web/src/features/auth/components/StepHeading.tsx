/** Heading of a multi-step screen: "Étape 1/3" then the step title; focused when the step changes. */
import { useRef } from 'react';
import { useFocusOnChange } from '../../../ui/use-focus-on-change.ts';

/** Props: step number, count (3 for sign-in), title; `level` h2 under a page title. */
export interface StepHeadingProps {
  number: number;
  total?: number;
  title: string;
  level?: 'h1' | 'h2';
}

/** The step in words, then its title, in one heading. */
export function StepHeading({ number, total = 3, title, level = 'h1' }: StepHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(ref, number);
  const Heading = level;
  return (
    <Heading ref={ref} tabIndex={-1} className={level === 'h1' ? 'fr-h3' : 'fr-h5'}>
      <span className="fr-stepper__state">
        Étape {number}/{total}
      </span>{' '}
      {title}
    </Heading>
  );
}
