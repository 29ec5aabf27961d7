import { useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useGetJourneysQuery } from '../api/journeys';
import { useTracked } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { BulkTagForm } from './BulkTagForm';

interface BulkProps {
  model: string;
  documents: Array<{ documentId: string }>;
}

/** List-view bulk action: tag or untag the selected entries with phases and personas. */
export const BulkTagAction = ({ model, documents }: BulkProps) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.tag);
  const tracked = useTracked(model);
  if (isLoading || tracked !== true || !allowedActions.canTag) return null;
  return {
    label: formatMessage({ id: getTranslation('bulk.label'), defaultMessage: 'Tag journey' }),
    dialog: {
      type: 'modal' as const,
      title: formatMessage(
        { id: getTranslation('bulk.title'), defaultMessage: 'Tag {count, plural, one {# entry} other {# entries}} with journey phases' },
        { count: documents.length }
      ),
      content: ({ onClose }: { onClose: () => void }) => <BulkTagDialog model={model} documentIds={documents.map((d) => d.documentId)} onClose={onClose} />,
    },
  };
};

/** The entries selected in the list, in the locale the list shows. */
const BulkTagDialog = ({ model, documentIds, onClose }: { model: string; documentIds: string[]; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  // The Content Manager's dialog leaves focus on the page's body when it closes, at a moment of its own
  // (after its closing animation on a slow machine): for a short while after closing, send focus back to
  // the "Tag journey" button that opened it (the same element, or the one the list rendered in its place)
  // whenever it lands on the body; once focus is elsewhere, leave it there.
  const label = formatMessage({ id: getTranslation('bulk.label'), defaultMessage: 'Tag journey' });
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      const restore = () => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const target =
          opener && opener !== document.body && opener.isConnected
            ? opener
            : [...document.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent?.trim() === label);
        target?.focus();
      };
      for (const ms of [0, 50, 150, 300, 600]) setTimeout(restore, ms);
    },
    [opener, label]
  );
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const { data: journeys, isError } = useGetJourneysQuery();
  return (
    <BulkTagForm
      journeys={journeys ?? (isError ? [] : null)}
      groups={[{ contentType: model, documentIds, ...(locale ? { locale } : {}) }]}
      noJourneys={formatMessage({ id: getTranslation('panel.noJourneys'), defaultMessage: 'No journey exists yet. Create one in Journey Map first.' })}
      onClose={onClose}
      onDone={onClose}
    />
  );
};
