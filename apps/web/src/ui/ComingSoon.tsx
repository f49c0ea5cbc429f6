/** Placeholder of a rubrique that is not built yet. */
import { usePageTitle } from './use-page-title.ts';

/** Title (h1 for a page, h2 inside Paramètres) and the "coming soon" sentence. */
export function ComingSoon({ title, level = 'h1' }: { title: string; level?: 'h1' | 'h2' }) {
  usePageTitle(title);
  const Heading = level;
  return (
    <>
      <Heading data-route-heading="">{title}</Heading>
      <p>Cette rubrique sera bientôt disponible.</p>
    </>
  );
}
