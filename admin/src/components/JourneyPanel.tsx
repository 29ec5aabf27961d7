import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useErrorMessage } from '../api/errors';
import { useGetJourneyPanelQuery } from '../api/panel';
import { useReplaceEntryTagsMutation } from '../api/tags';
import { useTracked } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import type { PanelData } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { cellNotes } from './panelNotes';
import { PanelSuggestions } from './PanelSuggestions';
import { TagPicker, type TagValue } from './TagPicker';
import { PublishCheckNote } from './PublishCheckNote';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { documentId?: string; updatedAt?: string; publishedAt?: string | null };
  collectionType: string;
}

/**
 * The "Journey" panel of the Content Manager's edit view: tags the open entry (documentId + locale) with
 * phases, personas and a CTA through the plugin's own route, so the entry's form is never marked modified,
 * and says what the tags do to the map: whether the entry counts now and which cells it fills.
 */
export const JourneyPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading: rbacLoading } = useRBAC(PERMISSIONS.tag);
  const tracked = useTracked(model);
  if (rbacLoading || tracked !== true || !allowedActions.canTag) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Journey' }),
    // Single types have no documentId in the URL: take it from the loaded document. Saving or publishing
    // the entry changes its dates, and the panel reloads to say whether it counts now.
    content: (
      <PanelContent
        model={model}
        documentId={document?.documentId ?? documentId}
        version={`${document?.updatedAt ?? ''}|${document?.publishedAt ?? ''}`}
      />
    ),
  };
};

const PanelContent = ({ model, documentId, version }: { model: string; documentId?: string; version: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const { data, isError, isFetching } = useGetJourneyPanelQuery({ uid: model, documentId: documentId ?? '', locale, version }, { skip: !documentId });
  const [replaceTags, { isLoading: saving }] = useReplaceEntryTagsMutation();
  const saved = useMemo<TagValue | null>(() => (data ? { phases: data.tags.phases, personas: data.tags.personas, cta: data.tags.cta } : null), [data]);
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });

  // Each answer (first load, the entry saved, the tags saved: the save refreshes this one request) resets the picks.
  useEffect(() => {
    if (saved) setValue(saved);
  }, [saved]);

  const notes = useMemo(() => (data ? cellNotes(data, value, t) : []), [data, value]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!documentId) {
    return <Typography variant="pi">{t('panel.saveFirst', 'Save the entry first, then tag it with the journey phases it serves.')}</Typography>;
  }
  if (!data || !saved) {
    return isError ? (
      <Typography textColor="danger600">{t('panel.error', 'The journeys could not be loaded.')}</Typography>
    ) : (
      <Loader small>{t('panel.loading', 'Loading the journeys…')}</Loader>
    );
  }
  if (data.journeys.length === 0) {
    return <Typography variant="pi">{t('panel.noJourneys', 'No journey exists yet. Create one in Journey Map first.')}</Typography>;
  }

  const dirty = JSON.stringify(value) !== JSON.stringify(saved);
  const save = async () => {
    try {
      await replaceTags({ uid: model, documentId, locale, tags: value }).unwrap();
      toggleNotification({ type: 'success', message: t('panel.saved', 'Journey tags saved') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('panel.saveFailed', 'The tags could not be saved')) });
    }
  };

  /** Accepting a suggested phase saves it at once, with the picks so far (through the tags' own route). */
  const acceptPhase = async (phase: string) => {
    const journey = data.journeys.find((j) => j.phases.some((p) => p.documentId === phase));
    const personas = value.personas.filter((p) => journey?.personas.some((q) => q.documentId === p));
    try {
      await replaceTags({ uid: model, documentId, locale, tags: { phases: [...new Set([...value.phases, phase])], personas, cta: value.cta } }).unwrap();
      toggleNotification({ type: 'success', message: t('suggest.accepted', 'Suggestion accepted: journey tags saved') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t('panel.saveFailed', 'The tags could not be saved')) });
    }
  };
  const untagged = saved.phases.length === 0;

  const phases = data.journeys.flatMap((j) => j.phases).filter((p) => value.phases.includes(p.documentId));
  const personas = data.journeys.flatMap((j) => j.personas).filter((p) => value.personas.includes(p.documentId));
  const cta = phases.flatMap((p) => p.ctas ?? []).find((c) => c.documentId === value.cta);
  const day = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium' }) : '');

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <PublishCheckNote data={data} tagged={saved.phases.length > 0} />
      {untagged &&
        data.journeys.map((journey) => (
          <PanelSuggestions
            key={journey.documentId}
            journey={journey}
            uid={model}
            documentId={documentId}
            locale={locale}
            pickedPersonas={value.personas}
            saving={saving}
            onAcceptPhase={acceptPhase}
            onAddPersona={(persona) => setValue({ ...value, personas: [...new Set([...value.personas, persona])] })}
          />
        ))}
      <TagPicker journeys={data.journeys} value={value} onChange={setValue} />
      {value.phases.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={2} role="region" aria-label={t('panel.effect', 'What these tags do to the map')}>
          <Typography variant="sigma" tag="h3">{t('panel.effect', 'What these tags do to the map')}</Typography>
          <EntryStatus data={data} t={t} day={day} />
          {notes.map((note) => (
            <Box key={note.key} background={TONES[note.tone].background} padding={2} hasRadius>
              <Typography variant="pi" textColor={TONES[note.tone].text}>{note.text}</Typography>
            </Box>
          ))}
        </Flex>
      )}
      {phases.map((phase) => (
        <Box key={phase.documentId} background="neutral100" padding={3} hasRadius>
          <Typography variant="sigma" tag="p">{phase.name}</Typography>
          {phase.customerGoal && <Typography variant="pi" tag="p">{t('panel.goal', 'Goal: {goal}', { goal: phase.customerGoal })}</Typography>}
          {phase.questions && <Typography variant="pi" tag="p">{t('panel.questions', 'Questions: {questions}', { questions: phase.questions })}</Typography>}
          {(phase.ctas ?? []).map((c) => (
            <Typography key={c.documentId} variant="pi" tag="p">
              {t('panel.cta', 'CTA: {label}', { label: c.label })}
              {c.kpiMetric ? ` — ${t('panel.kpi', 'KPI {metric}: target {target} per {period}', { metric: c.kpiMetric, target: String(c.kpiTarget ?? '—'), period: c.kpiPeriod ?? '' })}` : ''}
            </Typography>
          ))}
        </Box>
      ))}
      {personas.filter((p) => p.painPoints).map((persona) => (
        <Box key={persona.documentId} background="neutral100" padding={3} hasRadius>
          <Typography variant="sigma" tag="p">{persona.name}</Typography>
          <Typography variant="pi" tag="p">{t('panel.pains', 'Pains: {pains}', { pains: persona.painPoints ?? '' })}</Typography>
        </Box>
      ))}
      {cta && <Typography variant="pi">{t('panel.carries', 'This entry carries the CTA "{label}".', { label: cta.label })}</Typography>}
      <Button onClick={save} loading={saving || isFetching} disabled={!dirty} fullWidth>
        {t('panel.save', 'Save journey tags')}
      </Button>
    </Flex>
  );
};

const TONES = {
  success: { background: 'success100', text: 'success700' },
  // warning700 on warning100 is 4.03:1, below AA: the warning notes take neutral text on their tint
  warning: { background: 'warning100', text: 'neutral800' },
  neutral: { background: 'neutral100', text: 'neutral800' },
} as const;

type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

/** Whether the entry counts on the map now, and if not, why and what makes it count. */
const EntryStatus = ({ data, t, day }: { data: PanelData; t: Translate; day: (iso: string | null) => string }) => {
  const { entry, locale } = data;
  const others = entry.otherLocales.filter((l) => l.counts).map((l) => l.locale);
  const elsewhere = others.length ? ` ${t('panel.status.otherLocales', 'Its {locales} version counts.', { locales: others.join(', ') })}` : '';
  let text: string;
  if (entry.counts) {
    text = t('panel.status.counts', 'This entry counts on the map now (fresh until {date}).', { date: day(entry.staleSince) });
  } else if (entry.reason === 'missing-locale') {
    text = t('panel.status.missingLocale', 'Not counted: this entry has no {locale} version yet. Save it in this locale first.', { locale: locale ?? '' }) + elsewhere;
  } else if (entry.reason === 'draft') {
    text = t('panel.status.draft', 'Not counted yet: this entry is a draft only. It counts once it is published.') + elsewhere;
  } else {
    text = t('panel.status.stale', 'Not counted: stale since {date} (last updated {updated}; entries count for {days} days). Update and publish it to count again.', {
      date: day(entry.staleSince),
      updated: day(data.rules.includeDrafts ? entry.updatedAt : entry.publishedUpdatedAt),
      days: data.rules.staleAfterDays,
    }) + elsewhere;
  }
  const tone = entry.counts ? TONES.success : TONES.warning;
  return (
    <Box background={tone.background} padding={2} hasRadius>
      <Typography variant="pi" fontWeight="bold" textColor={tone.text}>{text}</Typography>
    </Box>
  );
};
