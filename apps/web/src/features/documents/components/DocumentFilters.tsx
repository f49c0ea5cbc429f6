/** Search, filters and sort of "Mes documents"; every change updates the URL. */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ListQuery } from '../api.ts';
import { authorOptions, sortOptions, sortValue } from '../list-query.ts';
import { categoryOptions } from '../wording.ts';

/** Props: the current query and how to change one parameter. */
export interface DocumentFiltersProps {
  query: ListQuery;
  onChange: (key: string, value: string) => void;
}

/** The search runs on submit; the selects apply at once. */
export function DocumentFilters({ query, onChange }: DocumentFiltersProps) {
  const [search, setSearch] = useState(query.q ?? '');
  return (
    <div className="fr-mb-3w">
      <form
        role="search"
        className="carnet-document-search fr-mb-2w"
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
            value: search,
            onChange: (event) => setSearch(event.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </form>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Catégorie"
            nativeSelectProps={{
              name: 'category',
              value: query.category ?? '',
              onChange: (event) => onChange('category', event.target.value),
            }}
          >
            <option value="">Toutes les catégories</option>
            {categoryOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Ajouté par"
            nativeSelectProps={{
              name: 'author',
              value: query.author ?? '',
              onChange: (event) => onChange('author', event.target.value),
            }}
          >
            <option value="">Tout le monde</option>
            {authorOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Trier par"
            nativeSelectProps={{
              name: 'sort',
              value: sortValue(query),
              onChange: (event) => onChange('sort', event.target.value),
            }}
          >
            {sortOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </div>
  );
}
