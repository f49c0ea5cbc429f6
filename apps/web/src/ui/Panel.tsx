/** A tinted box (DSFR "alt" backgrounds; the colour utility classes are not shipped). */
import type { ComponentProps } from 'react';
import './panel.css';

/** Props of a `<div>`, plus its tint. */
export interface PanelProps extends ComponentProps<'div'> {
  tone?: 'grey' | 'blue';
}

/** Grey by default; follows the light/dark theme through DSFR's CSS variables. */
export function Panel({ tone = 'grey', className, ...props }: PanelProps) {
  const classes = ['carnet-panel', `carnet-panel--${tone}`, className].filter(Boolean).join(' ');
  return <div {...props} className={classes} />;
}
