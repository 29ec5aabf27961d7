import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UID } from './pluginId';

/** Labels and help texts for editing the journey model in the Content Manager. */
const FIELDS: Record<string, { mainField: string; sortBy?: string; fields: Record<string, [string, string]> }> = {
  [UID.journey]: {
    mainField: 'name',
    fields: {
      name: ['Name', 'The journey, e.g. "Smartphone repair".'],
      slug: ['Slug', 'Used by the content API: /api/journey-map/journeys/<slug>.'],
      description: ['Description', 'What this journey covers, from first contact to advocacy.'],
      product: ['Product or service', 'What the customer is buying.'],
      phases: ['Phases', 'The phases of this journey; their order is the "Position" of each phase.'],
      personas: ['Personas', 'The model customers who travel this journey.'],
      excludedCells: ['Excluded cells', 'Phase × persona cells that do not apply: [{ "phase": "<id>", "persona": "<id>" }].'],
    },
  },
  [UID.phase]: {
    mainField: 'name',
    sortBy: 'position',
    fields: {
      journey: ['Journey', 'The journey this phase belongs to.'],
      name: ['Name', 'e.g. Awareness, Consideration, Decision.'],
      slug: ['Slug', 'Lowercase, unique within the journey; used by the content API.'],
      position: ['Position', 'Order of the phase in the journey: 0 is the first.'],
      funnelBand: ['Funnel band', 'Top, middle or bottom of the funnel, or after the purchase: lets reports compare journeys.'],
      customerGoal: ['Customer goal', 'What the customer wants to achieve in this phase.'],
      questions: ['Questions', 'What the customer asks themselves here.'],
      actions: ['Actions', 'What the customer does.'],
      thoughts: ['Thoughts', 'What the customer thinks.'],
      emotionLabel: ['Emotion', 'How the customer feels, in a word.'],
      emotionScore: ['Emotion score', 'From -2 (very negative) to +2 (very positive); drawn as the emotion curve.'],
      touchpoints: ['Touchpoints', 'Where the customer meets the company, as a JSON list: ["search", "store"].'],
      channels: ['Channels', 'Content channels for this phase, as a JSON list.'],
      painPoints: ['Pain points', 'What bothers the customer here.'],
      opportunities: ['Opportunities', 'What the company could do better here.'],
      minContentPerPersona: ['Minimum content per persona', 'Overrides the default minimum of entries per cell for this phase.'],
      ctas: ['CTAs', 'The calls to action of this phase.'],
    },
  },
  [UID.persona]: {
    mainField: 'name',
    fields: {
      name: ['Name', 'e.g. "Busy parent".'],
      slug: ['Slug', 'Used by the content API.'],
      summary: ['Summary', 'Who this person is.'],
      goals: ['Goals', 'What they want to achieve.'],
      needs: ['Needs', 'What they need from us.'],
      painPoints: ['Pain points', 'What frustrates them; shown to editors while they write.'],
      preferredChannels: ['Preferred channels', 'As a JSON list: ["email", "video"].'],
      priority: ['Priority', 'Higher comes first in lists and reports.'],
      journeys: ['Journeys', 'The journeys this persona travels.'],
    },
  },
  [UID.cta]: {
    mainField: 'label',
    fields: {
      label: ['Label', 'e.g. "Download the manual on what to do when your smartphone breaks".'],
      phase: ['Phase', 'The phase whose next step this CTA is.'],
      persona: ['Persona', 'Only for this persona; leave empty for all personas.'],
      actionType: ['Action type', 'What the customer is asked to do.'],
      targetUrl: ['Target URL', 'Where the CTA leads: an http(s) URL or a path starting with /.'],
      kpiMetric: ['KPI metric', 'What measures this CTA, e.g. "manual downloads".'],
      kpiUnit: ['KPI unit', 'e.g. downloads, %, EUR.'],
      kpiBaseline: ['KPI baseline', 'The value before the CTA.'],
      kpiTarget: ['KPI target', 'The value to reach per period.'],
      kpiDirection: ['KPI direction', 'Whether higher or lower is better.'],
      kpiPeriod: ['KPI period', 'The period the target applies to.'],
    },
  },
};

/**
 * Until the plugin's own editor exists, journeys are edited in the Content Manager: give every field a
 * label and a description, list phases by position. Done once (a marker in the plugin store), so an
 * admin's own changes to these layouts are never overwritten.
 */
export async function configureContentManager(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'content-manager-configured' });
  if (await store.get({})) return;
  const service = strapi.plugin('content-manager')?.service('content-types');
  if (!service) return;
  for (const [uid, spec] of Object.entries(FIELDS)) {
    const current = await service.findConfiguration({ uid });
    const metadatas = { ...(current.metadatas ?? {}) };
    for (const [field, [label, description]] of Object.entries(spec.fields)) {
      const meta = metadatas[field] ?? {};
      metadatas[field] = { ...meta, edit: { ...(meta.edit ?? {}), label, description }, list: { ...(meta.list ?? {}), label } };
    }
    const settings = { ...(current.settings ?? {}), mainField: spec.mainField, ...(spec.sortBy ? { defaultSortBy: spec.sortBy, defaultSortOrder: 'ASC' } : {}) };
    await service.updateConfiguration({ uid }, { settings, metadatas, layouts: current.layouts });
  }
  await store.set({ value: true });
}
