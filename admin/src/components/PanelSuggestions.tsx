import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useGetSuggestionsQuery } from '../api/suggestions';
import type { SuggestedTag, SuggestionQuality } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

/** "right 7 times in 10 on your 120 tagged entries", or why no suggestion is given. */
export const qualityText = (q: SuggestionQuality, t: Translate): string => {
  if (q.status === 'building') return t('suggest.building', 'Suggestions are being prepared from your tagged entries. Look again in a minute.');
  const measured = t('suggest.measured', 'Measured: right {perTen} times in 10 on your {tagged} tagged entries.', { perTen: q.perTen, tagged: q.tagged });
  if (q.refusal === 'too-few-tagged') {
    return `${t('suggest.tooFew', 'No suggestions yet: this journey has {tagged} tagged entries, and suggestions start at {min}.', { tagged: q.tagged, min: q.minTagged })} ${measured}`;
  }
  if (q.refusal === 'low-hit-rate') {
    return `${t('suggest.lowHitRate', 'No suggestions: they would be right too rarely (the minimum is {min} %).', { min: q.minHitRate })} ${measured}`;
  }
  return measured;
};

/** `like "A", "B", …` from a suggestion's reasons (the similar entries the caller may read). */
export const likeText = (tag: SuggestedTag, t: Translate) => {
  const titles = tag.reasons.map((r) => `“${r.title ?? r.documentId}”`);
  return titles.length ? t('suggest.like', 'like {titles}', { titles: titles.join(', ') }) : '';
};

interface Props {
  journey: { documentId: string; name: string };
  uid: string;
  documentId: string;
  locale?: string;
  pickedPersonas: string[];
  saving: boolean;
  onAcceptPhase: (phase: string) => void;
  onAddPersona: (persona: string) => void;
}

/** The side panel's suggestions for an untagged entry, in one journey: accept a phase (saved at once) or pick a persona. */
export const PanelSuggestions = ({ journey, uid, documentId, locale, pickedPersonas, saving, onAcceptPhase, onAddPersona }: Props) => {
  const { formatMessage } = useIntl();
  const t: Translate = (id, defaultMessage, values) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  // While the model is being built (after a restart), ask again every 5 seconds until it is ready.
  const [building, setBuilding] = useState(false);
  const { data, isError, isLoading } = useGetSuggestionsQuery({ journey: journey.documentId, contentType: uid, documentId, locale }, { pollingInterval: building ? 5000 : 0 });
  useEffect(() => setBuilding(data?.quality.status === 'building'), [data]);
  const title = t('suggest.title', 'Suggested tags in {journey}', { journey: journey.name });

  let body: React.ReactNode;
  if (isLoading) body = <Loader small>{t('suggest.loading', 'Looking for similar entries…')}</Loader>;
  else if (isError || !data) body = <Typography variant="pi" textColor="danger600">{t('suggest.error', 'The suggestions could not be loaded.')}</Typography>;
  else if (data.quality.status === 'building' || data.quality.refusal) body = <Typography variant="pi">{qualityText(data.quality, t)}</Typography>;
  else if (data.phases.length === 0) body = <Typography variant="pi">{t('suggest.none', 'No tagged entry is similar to this one.')} {qualityText(data.quality, t)}</Typography>;
  else {
    body = (
      <Flex direction="column" alignItems="stretch" gap={3}>
        {data.phases.map((phase) => (
          <Box key={phase.documentId}>
            <Flex gap={2} justifyContent="space-between" alignItems="center">
              <Typography variant="omega" fontWeight="bold">{t('suggest.phase', 'Suggested: {name}', { name: phase.name })}</Typography>
              <Button size="S" variant="secondary" disabled={saving} onClick={() => onAcceptPhase(phase.documentId)} aria-label={t('suggest.acceptPhase', 'Accept {name}', { name: phase.name })}>
                {t('suggest.accept', 'Accept')}
              </Button>
            </Flex>
            <Typography variant="pi" textColor="neutral700" tag="p">{likeText(phase, t)}</Typography>
          </Box>
        ))}
        {data.personas.map((persona) => {
          const picked = pickedPersonas.includes(persona.documentId);
          return (
            <Box key={persona.documentId}>
              <Flex gap={2} justifyContent="space-between" alignItems="center">
                <Typography variant="omega" fontWeight="bold">{t('suggest.persona', 'For: {name}', { name: persona.name })}</Typography>
                <Button size="S" variant="tertiary" disabled={picked || saving} onClick={() => onAddPersona(persona.documentId)} aria-label={t('suggest.addPersona', 'Pick {name}', { name: persona.name })}>
                  {picked ? t('suggest.picked', 'Picked') : t('suggest.pick', 'Pick')}
                </Button>
              </Flex>
              <Typography variant="pi" textColor="neutral700" tag="p">{likeText(persona, t)}</Typography>
            </Box>
          );
        })}
        <Typography variant="pi" textColor="neutral600">
          {t('suggest.howToAccept', 'Accepting a phase saves it with the personas picked.')} {qualityText(data.quality, t)}
        </Typography>
      </Flex>
    );
  }
  return (
    <Box background="primary100" padding={3} hasRadius role="region" aria-label={title}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" tag="h3">{title}</Typography>
        {body}
      </Flex>
    </Box>
  );
};
