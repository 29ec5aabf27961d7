import { Box, Button, Checkbox, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { AuditRow, EntrySuggestions, JourneySummary, SuggestedTag } from '../../../../shared/contracts';
import { useErrorMessage } from '../../api/errors';
import { useGetSuggestionQualityQuery, useLazyGetSuggestionsQuery } from '../../api/suggestions';
import { useBulkTagEntriesMutation, type BulkGroup } from '../../api/tags';
import { likeText, qualityText } from '../../components/PanelSuggestions';
import { rowKey } from './AuditTable';
import { useT } from './useT';

interface Props {
  rows: AuditRow[];
  journey: JourneySummary;
  onClose: () => void;
  onDone: () => void;
}

/**
 * The audit's bulk accept: each selected entry's top suggested phase in one journey, all checked; the
 * checked ones are tagged through the bulk tag route (one request per content type, locale and phase).
 */
export const SuggestModal = ({ rows, journey, onClose, onDone }: Props) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const quality = useGetSuggestionQualityQuery({ journey: journey.documentId });
  const [fetchSuggestions] = useLazyGetSuggestionsQuery();
  const [bulkTag, { isLoading: saving }] = useBulkTagEntriesMutation();
  const [found, setFound] = useState<Map<string, EntrySuggestions | null> | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());

  // One request per selected entry, one after another (at most a page: 100).
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const answers = new Map<string, EntrySuggestions | null>();
      for (const row of rows) {
        try {
          answers.set(rowKey(row), await fetchSuggestions({ journey: journey.documentId, contentType: row.contentType, documentId: row.documentId, locale: row.locale ?? undefined }).unwrap());
        } catch {
          answers.set(rowKey(row), null);
        }
      }
      if (cancelled) return;
      setFound(answers);
      setChecked(new Set([...answers].filter(([, s]) => s && s.phases.length > 0).map(([key]) => key)));
    })();
    return () => {
      cancelled = true;
    };
  }, [rows, journey.documentId, fetchSuggestions]);

  const top = (row: AuditRow): SuggestedTag | undefined => found?.get(rowKey(row))?.phases[0];
  const accept = async () => {
    const byPhase = new Map<string, Map<string, BulkGroup>>();
    for (const row of rows) {
      const phase = top(row);
      if (!phase || !checked.has(rowKey(row))) continue;
      const groups = byPhase.get(phase.documentId) ?? new Map<string, BulkGroup>();
      const key = `${row.contentType}|${row.locale ?? ''}`;
      const group = groups.get(key) ?? { contentType: row.contentType, documentIds: [], ...(row.locale ? { locale: row.locale } : {}) };
      group.documentIds.push(row.documentId);
      groups.set(key, group);
      byPhase.set(phase.documentId, groups);
    }
    let done = 0;
    try {
      for (const [phase, groups] of byPhase) {
        done += (await bulkTag({ groups: [...groups.values()], change: { mode: 'add', phases: [phase], personas: [] } }).unwrap()).done;
      }
      toggleNotification({ type: 'success', message: t('audit.suggest.done', '{count, plural, one {# entry} other {# entries}} tagged as suggested', { count: done }) });
      onDone();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('audit.suggest.failed', 'The suggestions could not be accepted')) });
      if (done) onDone();
    }
  };

  const acceptable = rows.filter((r) => top(r) && checked.has(rowKey(r))).length;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('audit.suggest.title', 'Suggested phases in {journey}', { journey: journey.name })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography variant="pi" textColor="neutral700">
              {t('audit.suggest.hint', 'Each checked entry is tagged with its suggested phase, for all personas.')} {quality.data ? qualityText(quality.data, t) : ''}
            </Typography>
            {!found ? (
              <Loader small>{t('suggest.loading', 'Looking for similar entries…')}</Loader>
            ) : (
              rows.map((row) => {
                const key = rowKey(row);
                const s = found.get(key);
                const phase = top(row);
                const title = row.title ?? row.documentId;
                return (
                  <Box key={key} background="neutral100" padding={3} hasRadius>
                    {phase ? (
                      <Checkbox
                        checked={checked.has(key)}
                        onCheckedChange={(v: boolean | 'indeterminate') => {
                          const next = new Set(checked);
                          if (v === true) next.add(key);
                          else next.delete(key);
                          setChecked(next);
                        }}
                      >
                        <Typography variant="omega" fontWeight="bold">{title}</Typography>
                        {' → '}
                        <Typography variant="omega">{phase.name}</Typography>{' '}
                        <Typography variant="pi" textColor="neutral600">{likeText(phase, t)}</Typography>
                      </Checkbox>
                    ) : (
                      <Typography variant="pi">
                        <Typography variant="pi" fontWeight="bold">{title}</Typography>
                        {': '}
                        {s === null || s === undefined
                          ? t('suggest.error', 'The suggestions could not be loaded.')
                          : s.quality.status === 'building' || s.quality.refusal
                            ? t('audit.suggest.noneRefused', 'no suggestion (see above)')
                            : t('suggest.none', 'No tagged entry is similar to this one.')}
                      </Typography>
                    )}
                  </Box>
                );
              })
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('audit.suggest.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={accept} loading={saving} disabled={!found || acceptable === 0}>
            {t('audit.suggest.accept', 'Accept {count, plural, one {# suggestion} other {# suggestions}}', { count: acceptable })}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
