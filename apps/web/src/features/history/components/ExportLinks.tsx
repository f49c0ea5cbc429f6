/** "Exporter en CSV" and "Exporter en PDF": downloads of the visible selection. */
import type { HistoryFilter } from '@carnet/shared';
import { exportHref } from '../api.ts';

/** Props: the selection shown (tab and period). */
export function ExportLinks({ filter }: { filter: HistoryFilter }) {
  const link = (format: 'csv' | 'pdf', text: string) => (
    <li>
      <a
        className="fr-btn fr-btn--secondary fr-btn--sm fr-btn--icon-left fr-icon-download-line"
        href={exportHref(format, filter)}
        download
      >
        {text}
      </a>
    </li>
  );
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mb-2w">
      {link('csv', 'Exporter en CSV')}
      {link('pdf', 'Exporter en PDF')}
    </ul>
  );
}
