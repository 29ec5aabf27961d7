import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useTracked } from '../hooks/useTracked';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import type { Coverage, EntryTags, JourneySummary } from '../types';
import { getTranslation } from '../utils/getTranslation';
import { TagPicker, type TagValue } from './TagPicker';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { documentId?: string };
  collectionType: string;
}

type Loaded = { journeys: JourneySummary[]; tags: TagValue; coverage: Record<string, Coverage> };

/**
 * The "Journey" panel of the Content Manager's edit view: tags the open entry (documentId + locale) with
 * phases, personas and a CTA through the plugin's own route, so the entry's form is never marked modified.
 */
export const JourneyPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading: rbacLoading } = useRBAC(PERMISSIONS.tag);
  const tracked = useTracked(model);
  if (rbacLoading || tracked !== true || !allowedActions.canTag) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Journey' }),
    // Single types have no documentId in the URL: take it from the loaded document.
    content: <PanelContent model={model} documentId={document?.documentId ?? documentId} />,
  };
};

const PanelContent = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale;
  const [state, setState] = useState<{ status: 'loading' | 'error' } | ({ status: 'ready' } & Loaded)>({ status: 'loading' });
  const [value, setValue] = useState<TagValue>({ phases: [], personas: [], cta: null });
  const [saving, setSaving] = useState(false);
  const localeQuery = locale ? `?locale=${encodeURIComponent(locale)}` : '';

  const load = useCallback(async () => {
    if (!documentId) return;
    try {
      const [journeys, tags] = await Promise.all([
        get<{ data: JourneySummary[] }>(`/${PLUGIN_ID}/journeys`),
        get<{ data: EntryTags }>(`/${PLUGIN_ID}/assignments/${model}/${documentId}${localeQuery}`),
      ]);
      const coverage: Record<string, Coverage> = {};
      await Promise.all(
        journeys.data.data.map(async (j) => {
          const res = await get<{ data: Coverage }>(`/${PLUGIN_ID}/coverage?journey=${j.documentId}${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`);
          coverage[j.documentId] = res.data.data;
        })
      );
      const current = { phases: tags.data.data.phases, personas: tags.data.data.personas, cta: tags.data.data.cta };
      setValue(current);
      setState({ status: 'ready', journeys: journeys.data.data, tags: current, coverage });
    } catch {
      setState({ status: 'error' });
    }
  }, [get, model, documentId, locale, localeQuery]);

  useEffect(() => {
    load();
  }, [load]);

  const notes = useMemo(() => (state.status === 'ready' ? gapNotes(state, value, t) : []), [state, value]); // eslint-disable-line react-hooks/exhaustive-deps

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
  if (state.journeys.length === 0) {
    return <Typography variant="pi">{t('panel.noJourneys', 'No journey exists yet. Create one in Journey Map first.')}</Typography>;
  }

  const dirty = JSON.stringify(value) !== JSON.stringify(state.tags);
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

  const phases = state.journeys.flatMap((j) => j.phases).filter((p) => value.phases.includes(p.documentId));
  const personas = state.journeys.flatMap((j) => j.personas).filter((p) => value.personas.includes(p.documentId));
  const cta = phases.flatMap((p) => p.ctas ?? []).find((c) => c.documentId === value.cta);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <TagPicker journeys={state.journeys} value={value} onChange={setValue} />
      {notes.map((note) => (
        <Box key={note} background="warning100" padding={2} hasRadius>
          <Typography variant="pi" textColor="warning700">{note}</Typography>
        </Box>
      ))}
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

/** "Consideration × Busy parent had no published content", for the cells this entry's tags fill. */
function gapNotes(state: Loaded, value: TagValue, t: (id: string, m: string, v?: Record<string, string | number>) => string) {
  const notes: string[] = [];
  for (const journey of state.journeys) {
    const coverage = state.coverage[journey.documentId];
    if (!coverage) continue;
    const personas = journey.personas.filter((p) => value.personas.length === 0 || value.personas.includes(p.documentId));
    for (const phase of journey.phases.filter((p) => value.phases.includes(p.documentId))) {
      for (const persona of personas) {
        const cell = coverage.cells.find((c) => c.phase === phase.documentId && c.persona === persona.documentId);
        const min = coverage.phases.find((p) => p.documentId === phase.documentId)?.min ?? 1;
        if (cell?.state === 'gap') notes.push(t('panel.fillsGap', '{phase} × {persona} had no published content', { phase: phase.name, persona: persona.name }));
        if (cell?.state === 'thin') notes.push(t('panel.fillsThin', '{phase} × {persona} has only {count} of {min} entries', { phase: phase.name, persona: persona.name, count: cell.count, min }));
      }
    }
  }
  return notes;
}
