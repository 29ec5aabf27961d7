import { Modal } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { AuditRow, JourneySummary } from '../../../../shared/contracts';
import type { BulkGroup } from '../../api/tags';
import { BulkTagForm } from '../../components/BulkTagForm';
import { SELECTION_STATUS_ID } from './AuditTable';
import { useT } from './useT';

interface Props {
  rows: AuditRow[];
  journeys: JourneySummary[];
  onClose: () => void;
  onDone: () => void;
}

/** The audit rows by content type and locale: the bulk route takes one of each at a time. */
const byTypeAndLocale = (rows: AuditRow[]): BulkGroup[] => {
  const groups = new Map<string, BulkGroup>();
  for (const row of rows) {
    const key = `${row.contentType}|${row.locale ?? ''}`;
    const group = groups.get(key) ?? { contentType: row.contentType, documentIds: [], ...(row.locale ? { locale: row.locale } : {}) };
    group.documentIds.push(row.documentId);
    groups.set(key, group);
  }
  return [...groups.values()];
};

/** Tags (or untags) the selected audit rows. */
export const BulkTagModal = ({ rows, journeys, onClose, onDone }: Props) => {
  const t = useT();
  // Focus goes back to the Tag button that opened the dialog (the dialog is unmounted rather than closed,
  // which leaves focus on the page's body); after a save the selection is cleared and that button is
  // gone, so it goes to the line that says what is selected.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      const restore = () => {
        if (document.activeElement && document.activeElement !== document.body) return;
        (opener?.isConnected && opener !== document.body ? opener : document.getElementById(SELECTION_STATUS_ID))?.focus();
      };
      // after the dialog's own focus handling, which runs in a timeout of its own
      setTimeout(() => setTimeout(restore, 0), 0);
    },
    [opener]
  );
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('audit.bulk.title', 'Tag {count, plural, one {# entry} other {# entries}} with journey phases', { count: rows.length })}</Modal.Title>
        </Modal.Header>
        <BulkTagForm
          journeys={journeys}
          groups={byTypeAndLocale(rows)}
          noJourneys={t('audit.noJourneys', 'No journey exists yet. Create one on the Journey map page first.')}
          onClose={onClose}
          onDone={onDone}
        />
      </Modal.Content>
    </Modal.Root>
  );
};
