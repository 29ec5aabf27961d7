import { Box, Button, EmptyStateLayout, Flex, IconButton, Typography } from '@strapi/design-system';
import { Download, Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { FormDialog, type FieldSpec, type FormValues } from '../../components/FormDialog';
import { JourneyPicker } from '../../components/JourneyPicker';
import { SelectField } from '../../components/SelectField';
import { useJourneys } from '../../hooks/useJourneys';
import { PERMISSIONS } from '../../permissions';
import type { Cta, Persona, Phase } from '../../../../shared/contracts';
import { useGetCoverageQuery } from '../../api/coverage';
import { serverError, useErrorMessage } from '../../api/errors';
import { useDeleteJourneyPartMutation, useGetJourneyQuery, useReorderPhasesMutation, useSaveJourneyPartMutation, type DeleteChoice } from '../../api/journeys';
import { useGetKpisQuery } from '../../api/measure';
import { downloadBlob, downloadFromApi } from '../../utils/download';
import { getTranslation } from '../../utils/getTranslation';
import { DeleteDialog, type DeleteTarget } from './DeleteDialog';
import { MapGrid, type KpiActual } from './MapGrid';
import { ctaFields, journeyFields, personaFields, phaseFields } from './modelFields';
import { NewJourneyDialog } from './NewJourneyDialog';

type Editing =
  | { kind: 'journey' }
  | { kind: 'phase'; phase?: Phase }
  | { kind: 'persona'; persona?: Persona }
  | { kind: 'cta'; phase: Phase; cta?: Cta };

/** Optional enums the API accepts as absent but not as null: a cleared select leaves them unchanged. */
const NOT_NULLABLE = ['funnelBand', 'actionType', 'kpiDirection', 'kpiPeriod', 'priority', 'importLinkMatch', 'importMode'];
const clean = (values: FormValues) => Object.fromEntries(Object.entries(values).filter(([k, v]) => !(v === null && NOT_NULLABLE.includes(k))));

/** The plugin's main page: the journey drawn as a map, edited in place. */
const JourneyMapPage = () => {
  const { formatMessage } = useIntl();
  const t = useCallback(
    (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { allowedActions } = useRBAC(PERMISSIONS.manage);
  const canManage = Boolean(allowedActions.canManage);
  const { status, journeys, selected, select } = useJourneys();
  const slug = selected?.slug;
  // `currentData`: another journey picked shows "loading", not the previous journey's map; the map shows
  // with its counts, once the coverage has answered too (a journey without coverage shows none).
  const { currentData: model, isError: loadError } = useGetJourneyQuery(slug ?? '', { skip: !slug });
  const { currentData: coverage = null, isFetching: countsLoading } = useGetCoverageQuery({ journey: slug ?? '' }, { skip: !slug });
  const journey = coverage || !countsLoading ? model : undefined;
  // Measured KPIs come from the measure API; a site that measures nothing simply shows targets.
  const { currentData: measured } = useGetKpisQuery({ journey: slug ?? '' }, { skip: !slug });
  const kpis = useMemo(() => new Map<string, KpiActual>((measured ?? []).map((k) => [k.cta.documentId, { actual: k.actual, status: k.status }])), [measured]);
  const [saveJourneyPart] = useSaveJourneyPartMutation();
  const [deleteJourneyPart] = useDeleteJourneyPartMutation();
  const [reorderPhases] = useReorderPhasesMutation();
  const [persona, setPersona] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const mapRef = useRef<HTMLDivElement>(null);

  useEffect(() => setPersona(null), [slug]);

  const failed = (e: unknown, fallback: string) => toggleNotification({ type: 'danger', message: errorMessage(e, fallback) });

  const movePhase = async (phase: Phase, to: number) => {
    if (!journey || !slug) return;
    const order = journey.phases.filter((p) => p.documentId !== phase.documentId);
    order.splice(Math.max(0, Math.min(to, order.length)), 0, phase);
    try {
      // The map shows the new order at once, and the old one again if the server refuses it.
      await reorderPhases({ journey, cacheKey: slug, phases: order.map((p) => p.documentId) }).unwrap();
      toggleNotification({ type: 'success', message: t('map.reordered', 'Phase order saved') });
    } catch (e) {
      failed(e, t('map.reorderFailed', 'The new order could not be saved'));
    }
  };

  const save = async (values: FormValues) => {
    if (!journey || !editing) return;
    const body = clean(values);
    try {
      if (editing.kind === 'journey') await saveJourneyPart({ part: 'journeys', id: journey.documentId, body }).unwrap();
      if (editing.kind === 'phase') {
        await saveJourneyPart(editing.phase ? { part: 'phases', id: editing.phase.documentId, body } : { part: 'phases', body: { ...body, journey: journey.documentId } }).unwrap();
      }
      if (editing.kind === 'persona') {
        await saveJourneyPart(
          editing.persona ? { part: 'personas', id: editing.persona.documentId, body } : { part: 'personas', body: { ...body, journeys: [journey.documentId] } }
        ).unwrap();
      }
      if (editing.kind === 'cta') {
        await saveJourneyPart(editing.cta ? { part: 'ctas', id: editing.cta.documentId, body } : { part: 'ctas', body: { ...body, phase: editing.phase.documentId } }).unwrap();
      }
    } catch (e) {
      throw new Error(errorMessage(e, t('form.saveFailed', 'Could not be saved')));
    }
    setEditing(null);
    toggleNotification({ type: 'success', message: t('form.saved', 'Saved') });
  };

  const remove = async (target: DeleteTarget, choice: DeleteChoice): Promise<number | null> => {
    const part = ({ phase: 'phases', persona: 'personas', cta: 'ctas', journey: 'journeys' } as const)[target.kind];
    try {
      await deleteJourneyPart({ part, id: target.documentId, choice }).unwrap();
    } catch (e) {
      const server = serverError(e);
      const blocking = server?.details?.assignments;
      if (server?.status === 409 && typeof blocking === 'number') return blocking;
      failed(e, t('delete.failed', 'Could not be deleted'));
      return null;
    }
    toggleNotification({ type: 'success', message: t('delete.done', '{name} deleted', { name: target.name }) });
    setEditing(null);
    return null;
  };

  const exportPng = async () => {
    if (!mapRef.current || !journey) return;
    setExporting(true);
    try {
      // html-to-image is loaded on demand: it is only needed when someone exports.
      const { toBlob } = await import('html-to-image');
      const node = mapRef.current;
      const blob = await toBlob(node, { backgroundColor: '#ffffff', pixelRatio: 2, width: node.scrollWidth, height: node.scrollHeight });
      if (blob) downloadBlob(blob, `journey-map-${journey.slug}.png`);
    } catch (e) {
      failed(e, t('map.exportFailed', 'The image could not be made'));
    } finally {
      setExporting(false);
    }
  };

  const exportJson = () =>
    journey && downloadFromApi(`/journeys/${journey.slug}/export`, `journey-${journey.slug}.json`).catch((e) => failed(e, t('map.exportJsonFailed', 'The file could not be made')));

  const dialog = (): { title: string; fields: FieldSpec[]; initial: FormValues } | null => {
    if (!editing || !journey) return null;
    switch (editing.kind) {
      case 'journey':
        return { title: t('journey.edit', 'Edit journey'), fields: journeyFields(t), initial: { ...journey } };
      case 'phase':
        return editing.phase
          ? { title: t('map.editPhase', 'Edit {name}', { name: editing.phase.name }), fields: phaseFields(t), initial: { ...editing.phase } }
          : { title: t('map.addPhase', 'Add phase'), fields: phaseFields(t), initial: { funnelBand: 'middle' } };
      case 'persona':
        return editing.persona
          ? { title: t('map.editPersona', 'Edit {name}', { name: editing.persona.name }), fields: personaFields(t), initial: { ...editing.persona } }
          : { title: t('map.addPersona', 'Add persona'), fields: personaFields(t), initial: {} };
      case 'cta':
        return {
          title: editing.cta ? t('map.editCta', 'Edit CTA {name}', { name: editing.cta.label }) : t('map.addCta', 'Add a CTA to {name}', { name: editing.phase.name }),
          fields: ctaFields(t, journey.personas),
          initial: editing.cta
            ? { ...editing.cta, persona: editing.cta.persona?.documentId ?? null, importLinkMatch: editing.cta.importLinkMatch ?? 'contains', importMode: editing.cta.importMode ?? 'add' } : { actionType: 'visit', kpiDirection: 'higher', kpiPeriod: 'month', importLinkMatch: 'contains', importMode: 'add' },
        };
    }
  };
  const form = dialog();

  if (status === 'loading') return <Page.Loading />;
  if (status === 'error') return <Page.Error />;

  const title = t('nav.journeyMap', 'Journey map');
  const header = (
    <Layouts.Header
      title={title}
      subtitle={journey ? [journey.name, journey.product].filter(Boolean).join(' · ') : t('map.subtitle', 'Phases, what customers think and feel, the CTA of each phase and the content that serves it.')}
      primaryAction={
        canManage ? (
          <Button startIcon={<Plus />} onClick={() => setCreating(true)}>
            {t('journey.new', 'New journey')}
          </Button>
        ) : undefined
      }
      secondaryAction={
        journey ? (
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<Download />} onClick={exportPng} loading={exporting}>
              {t('map.exportPng', 'Export PNG')}
            </Button>
            <Button variant="tertiary" startIcon={<Download />} onClick={exportJson}>
              {t('map.exportJson', 'Export JSON')}
            </Button>
          </Flex>
        ) : undefined
      }
    />
  );
  const newJourney = (
    <NewJourneyDialog
      open={creating}
      onClose={() => setCreating(false)}
      onCreated={(created) => {
        setCreating(false);
        select(created.slug);
        toggleNotification({ type: 'success', message: t('journey.created', 'Journey "{name}" created', { name: created.name }) });
      }}
    />
  );

  if (!journeys.length) {
    return (
      <>
        <Page.Title>{title}</Page.Title>
        {header}
        <Layouts.Content>
          <EmptyStateLayout
            content={t('map.empty', 'No journey yet. Start from a phase model (AIDMA, See-Think-Do-Care…) or import a journey model file.')}
            action={
              canManage ? (
                <Button variant="secondary" startIcon={<Plus />} onClick={() => setCreating(true)}>
                  {t('journey.new', 'New journey')}
                </Button>
              ) : undefined
            }
          />
        </Layouts.Content>
        {newJourney}
      </>
    );
  }

  return (
    <>
      <Page.Title>{title}</Page.Title>
      {header}
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} alignItems="flex-end" wrap="wrap">
            <JourneyPicker journeys={journeys} value={slug} onChange={select} />
            {journey && (
              <SelectField
                name="persona"
                width="24rem"
                size="S"
                label={t('map.contentFor', 'Show content for')}
                value={persona ?? 'all'}
                choices={[{ value: 'all', label: t('persona.all', 'All personas') }, ...journey.personas.map((p) => ({ value: p.documentId, label: p.name }))]}
                onChange={(v) => setPersona(v === 'all' ? null : v)}
              />
            )}
            {journey && canManage && (
              <Flex gap={2}>
                <Button variant="secondary" startIcon={<Plus />} onClick={() => setEditing({ kind: 'phase' })}>
                  {t('map.addPhase', 'Add phase')}
                </Button>
                <Button variant="tertiary" startIcon={<Pencil />} onClick={() => setEditing({ kind: 'journey' })}>
                  {t('journey.edit', 'Edit journey')}
                </Button>
                <IconButton
                  label={t('journey.delete', 'Delete journey')}
                  onClick={() => setDeleting({ kind: 'journey', documentId: journey.documentId, name: journey.name, alternatives: [] })}
                  variant="tertiary"
                >
                  <Trash />
                </IconButton>
              </Flex>
            )}
          </Flex>

          {journey && (
            <Flex gap={2} wrap="wrap" alignItems="center" role="group" aria-label={t('map.personas', 'Personas')}>
              <Typography variant="sigma" textColor="neutral600">{t('map.personas', 'Personas')}</Typography>
              {journey.personas.map((p) => (
                <Flex key={p.documentId} gap={1} paddingLeft={3} paddingRight={1} hasRadius background="neutral0" borderColor="neutral200" borderStyle="solid" borderWidth="1px" title={p.summary ?? undefined}>
                  <Typography variant="omega">{p.name}</Typography>
                  {canManage && (
                    <>
                      <IconButton label={t('map.editPersona', 'Edit {name}', { name: p.name })} variant="ghost" size="S" onClick={() => setEditing({ kind: 'persona', persona: p })}>
                        <Pencil />
                      </IconButton>
                      <IconButton
                        label={t('map.deletePersona', 'Delete {name}', { name: p.name })}
                        variant="ghost"
                        size="S"
                        onClick={() =>
                          setDeleting({ kind: 'persona', documentId: p.documentId, name: p.name, alternatives: journey.personas.filter((x) => x.documentId !== p.documentId) })
                        }
                      >
                        <Trash />
                      </IconButton>
                    </>
                  )}
                </Flex>
              ))}
              {!journey.personas.length && <Typography variant="pi" textColor="neutral600">{t('map.noPersonas', 'No personas yet: content is counted for the journey as a whole once you add them.')}</Typography>}
              {canManage && (
                <Button variant="ghost" size="S" startIcon={<Plus />} onClick={() => setEditing({ kind: 'persona' })}>
                  {t('map.addPersona', 'Add persona')}
                </Button>
              )}
            </Flex>
          )}

          {loadError && <Page.Error />}
          {!loadError && !journey && <Page.Loading />}
          {journey && !journey.phases.length && (
            <EmptyStateLayout content={t('map.noPhases', 'This journey has no phases yet.')} action={canManage ? <Button onClick={() => setEditing({ kind: 'phase' })}>{t('map.addPhase', 'Add phase')}</Button> : undefined} />
          )}
          {journey && journey.phases.length > 0 && (
            <MapGrid
              ref={mapRef}
              journey={journey}
              coverage={coverage}
              kpis={kpis}
              persona={persona}
              canManage={canManage}
              onEditPhase={(phase) => setEditing({ kind: 'phase', phase })}
              onDeletePhase={(phase) =>
                setDeleting({ kind: 'phase', documentId: phase.documentId, name: phase.name, alternatives: journey.phases.filter((p) => p.documentId !== phase.documentId) })
              }
              onMovePhase={movePhase}
              onAddCta={(phase) => setEditing({ kind: 'cta', phase })}
              onEditCta={(cta, phase) => setEditing({ kind: 'cta', phase, cta })}
            />
          )}
          {journey && (
            <Box>
              <Typography variant="pi" textColor="neutral600">
                {t('map.legend', 'Content counts only published entries updated in the last {days} days. Open the content map for the gaps and the entries behind each count.', {
                  days: coverage?.filters.staleAfterDays ?? 365,
                })}
              </Typography>
            </Box>
          )}
        </Flex>
      </Layouts.Content>

      {form && (
        <FormDialog open title={form.title} fields={form.fields} initial={form.initial} submitLabel={t('form.save', 'Save')} onClose={() => setEditing(null)} onSubmit={save}>
          {editing?.kind === 'cta' && editing.cta && (
            <Box paddingTop={4}>
              <Button
                variant="danger-light"
                startIcon={<Trash />}
                onClick={() => setDeleting({ kind: 'cta', documentId: editing.cta!.documentId, name: editing.cta!.label, alternatives: [] })}
              >
                {t('map.deleteCta', 'Delete this CTA')}
              </Button>
            </Box>
          )}
        </FormDialog>
      )}
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} onDelete={remove} />
      {newJourney}
    </>
  );
};

export default JourneyMapPage;
