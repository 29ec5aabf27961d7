import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useTracked } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import type { PanelData } from '../types';
import { getTranslation } from '../utils/getTranslation';
import { cellNotes } from './panelNotes';
import { TagPicker, type TagValue } from './TagPicker';

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
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const [state, setState] = useState<{ status: 'loading' | 'error' } | { status: 'ready'; data: PanelData; saved: TagValue }>({ status: 'loading' });
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });
  const [saving, setSaving] = useState(false);
  const localeQuery = locale ? `?locale=${encodeURIComponent(locale)}` : '';

  const load = useCallback(async () => {
    if (!documentId) return;
    try {
      const { data } = await get<{ data: PanelData }>(`/${PLUGIN_ID}/panel/${model}/${documentId}${localeQuery}`);
      const saved = { phases: data.data.tags.phases, personas: data.data.tags.personas, cta: data.data.tags.cta };
      setValue(saved);
      setState({ status: 'ready', data: data.data, saved });
    } catch {
      setState({ status: 'error' });
    }
  }, [get, model, documentId, localeQuery]);

  useEffect(() => {
    load();
  }, [load, version]);

  const notes = useMemo(() => (state.status === 'ready' ? cellNotes(state.data, value, t) : []), [state, value]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!documentId) {
    return <Typography variant="pi">{t('panel.saveFirst', 'Save the entry first, then tag it with the journey phases it serves.')}</Typography>;
  }
  if (state.status !== 'ready') {
    return state.status === 'loading' ? (
      <Loader small>{t('panel.loading', 'Loading the journeys…')}</Loader>
    ) : (
      <Typography textColor="danger600">{t('panel.error', 'The journeys could not be loaded.')}</Typography>
    );
  }
  const { data } = state;
  if (data.journeys.length === 0) {
    return <Typography variant="pi">{t('panel.noJourneys', 'No journey exists yet. Create one in Journey Map first.')}</Typography>;
  }

  const dirty = JSON.stringify(value) !== JSON.stringify(state.saved);
  const save = async () => {
    setSaving(true);
    try {
      await put(`/${PLUGIN_ID}/assignments/${model}/${documentId}${localeQuery}`, value);
      toggleNotification({ type: 'success', message: t('panel.saved', 'Journey tags saved') });
      await load();
    } catch (error: any) {
      toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? t('panel.saveFailed', 'The tags could not be saved') });
    } finally {
      setSaving(false);
    }
  };

  const phases = data.journeys.flatMap((j) => j.phases).filter((p) => value.phases.includes(p.documentId));
  const personas = data.journeys.flatMap((j) => j.personas).filter((p) => value.personas.includes(p.documentId));
  const cta = phases.flatMap((p) => p.ctas ?? []).find((c) => c.documentId === value.cta);
  const day = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium' }) : '');

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
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
      <Button onClick={save} loading={saving} disabled={!dirty} fullWidth>
        {t('panel.save', 'Save journey tags')}
      </Button>
    </Flex>
  );
};

const TONES = {
  success: { background: 'success100', text: 'success700' },
  warning: { background: 'warning100', text: 'warning700' },
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
