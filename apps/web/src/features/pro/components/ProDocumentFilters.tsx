/** Search and type filter of a record's documents; every change updates the URL. */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { categoryOptions } from '../../documents/wording.ts';
import type { ProDocumentQuery } from '../api.ts';

/** Props: the current query and how to change one parameter. */
export interface ProDocumentFiltersProps {
  query: ProDocumentQuery;
  onChange: (key: 'q' | 'category', value: string) => void;
}

/** The search runs on submit; the type filter applies at once. */
export function ProDocumentFilters({ query, onChange }: ProDocumentFiltersProps) {
  const [search, setSearch] = useState(query.q ?? '');
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div className="fr-col-12 fr-col-md-7">
        <form
          role="search"
          aria-label="Rechercher dans les documents du patient"
          className="carnet-document-search"
          onSubmit={(event) => {
            event.preventDefault();
            onChange('q', search.trim());
          }}
        >
          <Input
            className="fr-mb-0"
            label="Rechercher un document"
            hintText="Dans les noms des documents"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              maxLength: 200,
              value: search,
              onChange: (event) => setSearch(event.target.value),
            }}
          />
          <Button type="submit" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </form>
      </div>
      <div className="fr-col-12 fr-col-md-5">
        <Select
          className="fr-mb-0"
          label="Filtrer par type de document"
          nativeSelectProps={{
            name: 'category',
            value: query.category ?? '',
            onChange: (event) => onChange('category', event.target.value),
          }}
        >
          <option value="">Tous les types de document</option>
          {categoryOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
