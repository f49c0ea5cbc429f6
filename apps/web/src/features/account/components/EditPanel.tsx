/** The panel a "Modifier" button opens: a titled grey box whose heading takes focus. */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Panel } from '../../../ui/Panel.tsx';

/** Props: id (target of the button's aria-controls), title and the form. */
export function EditPanel({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Panel id={id} className="fr-p-3w fr-mb-4w">
      <h4 ref={heading} tabIndex={-1} className="fr-h6">
        {title}
      </h4>
      {children}
    </Panel>
  );
}
