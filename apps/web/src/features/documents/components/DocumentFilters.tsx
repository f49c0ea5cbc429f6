/**
 * Search, filters and sort of a list of documents, for the patient ("Mes documents") and the
 * professional (a record's documents); every change updates the URL.
 */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { authorOptions, sortOptions } from '../list-query.ts';
import { categoryOptions } from '../wording.ts';

/** The URL parameters a list of documents understands. */
export type DocumentFilterKey = 'q' | 'category' | 'author' | 'sort';

/** Props: the current values, how to change one, and what each side offers. */
export interface DocumentFiltersProps {
  values: { q?: string | undefined; category?: string | undefined; author?: string; sort?: string };
  onChange: (key: DocumentFilterKey, value: string) => void;
  /** Name of the search landmark, when the page holds another search. */
  searchLabel?: string;
  /** Label of the type select and of its "all" option. */
  category: { label: string; all: string };
  /** "Ajouté par" and "Trier par" (the patient's own list). */
  authorAndSort?: boolean;
}

/** The search runs on submit; the selects apply at once. */
export function DocumentFilters(props: DocumentFiltersProps) {
  const { values, onChange } = props;
  const [search, setSearch] = useState(values.q ?? '');
  const selects = [
    {
      key: 'category' as const,
      label: props.category.label,
      options: [{ value: '', label: props.category.all }, ...categoryOptions],
    },
    ...(props.authorAndSort
      ? [
          {
            key: 'author' as const,
            label: 'Ajouté par',
            options: [{ value: '', label: 'Tout le monde' }, ...authorOptions],
          },
          { key: 'sort' as const, label: 'Trier par', options: sortOptions },
        ]
      : []),
  ];
  return (
    <div className="fr-mb-3w">
      <form
        role="search"
        aria-label={props.searchLabel}
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
            maxLength: 200,
            value: search,
            onChange: (event) => setSearch(event.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </form>
      <div className="fr-grid-row fr-grid-row--gutters">
        {selects.map((select) => (
          <div key={select.key} className="fr-col-12 fr-col-md-4">
            <Select
              label={select.label}
              nativeSelectProps={{
                name: select.key,
                value: values[select.key] ?? '',
                onChange: (event) => onChange(select.key, event.target.value),
              }}
            >
              {select.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </div>
        ))}
      </div>
    </div>
  );
}
