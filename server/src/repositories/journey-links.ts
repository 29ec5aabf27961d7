import type { Core } from '@strapi/strapi';
import { UID } from '../pluginId';

/** Where a CTA belongs: its phase and the phase's journey (documentIds). */
export interface CtaPlace {
  phaseId: string;
  journeyId: string;
}

/**
 * The CTA → phase → journey relations of the journey model, read straight from Strapi's tables and link
 * tables (names from Strapi's metadata): one query for a whole batch of events.
 */
export const journeyLinksRepository = (strapi: Core.Strapi) => {
  const k = () => strapi.db.connection;
  const tableOf = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const link = (uid: string, attribute: string) => {
    const attr = strapi.db.metadata.get(uid).attributes[attribute];
    const jt = 'joinTable' in attr ? attr.joinTable : undefined;
    if (!jt || !('inverseJoinColumn' in jt)) throw new Error(`${uid}.${attribute} has no link table`);
    return { table: jt.name, from: jt.joinColumn.name, to: jt.inverseJoinColumn.name, own: tableOf(uid) };
  };

  return {
    /** Each CTA's phase and journey; null for a CTA without a phase (or whose phase has no journey). Unknown CTAs are absent. */
    async ctaPlaces(ctaIds: string[]): Promise<Map<string, CtaPlace | null>> {
      const places = new Map<string, CtaPlace | null>();
      if (!ctaIds.length) return places;
      const c = link(UID.cta, 'phase');
      const p = link(UID.phase, 'journey');
      // Left joins: a CTA without a phase is known.
      const rows: Array<{ cta: string; phase: string | null; journey: string | null }> = await k()({ c: c.own })
        .select({ cta: 'c.document_id', phase: 'p.document_id', journey: 'j.document_id' })
        .leftJoin({ cl: c.table }, `cl.${c.from}`, 'c.id')
        .leftJoin({ p: tableOf(UID.phase) }, 'p.id', `cl.${c.to}`)
        .leftJoin({ pl: p.table }, `pl.${p.from}`, 'p.id')
        .leftJoin({ j: tableOf(UID.journey) }, 'j.id', `pl.${p.to}`)
        .whereIn('c.document_id', ctaIds);
      for (const r of rows) places.set(r.cta, r.phase && r.journey ? { phaseId: r.phase, journeyId: r.journey } : null);
      return places;
    },

    /**
     * Each phase's journey (null: none) and CTAs, for tag writes: one query where the query engine's
     * populate takes three. Unknown phases are absent.
     */
    async phaseRefs(phaseIds: string[]): Promise<Map<string, { journeyId: string | null; ctaIds: string[] }>> {
      const refs = new Map<string, { journeyId: string | null; ctaIds: string[] }>();
      if (!phaseIds.length) return refs;
      const p = link(UID.phase, 'journey');
      const c = link(UID.cta, 'phase');
      const rows: Array<{ phase: string; journey: string | null; cta: string | null }> = await k()({ p: p.own })
        .select({ phase: 'p.document_id', journey: 'j.document_id', cta: 'c.document_id' })
        .leftJoin({ pl: p.table }, `pl.${p.from}`, 'p.id')
        .leftJoin({ j: tableOf(UID.journey) }, 'j.id', `pl.${p.to}`)
        .leftJoin({ cl: c.table }, `cl.${c.to}`, 'p.id')
        .leftJoin({ c: c.own }, 'c.id', `cl.${c.from}`)
        .whereIn('p.document_id', phaseIds);
      for (const r of rows) {
        const ref = refs.get(r.phase) ?? { journeyId: r.journey, ctaIds: [] };
        if (r.cta && !ref.ctaIds.includes(r.cta)) ref.ctaIds.push(r.cta);
        refs.set(r.phase, ref);
      }
      return refs;
    },

    /** Each persona's journeys, in one query; unknown personas are absent. */
    async personaJourneys(personaIds: string[]): Promise<Map<string, string[]>> {
      const journeys = new Map<string, string[]>();
      if (!personaIds.length) return journeys;
      // The journey owns the link (persona.journeys is mappedBy journey.personas).
      const l = link(UID.journey, 'personas');
      const rows: Array<{ persona: string; journey: string | null }> = await k()({ pe: tableOf(UID.persona) })
        .select({ persona: 'pe.document_id', journey: 'j.document_id' })
        .leftJoin({ jl: l.table }, `jl.${l.to}`, 'pe.id')
        .leftJoin({ j: l.own }, 'j.id', `jl.${l.from}`)
        .whereIn('pe.document_id', personaIds);
      for (const r of rows) {
        const list = journeys.get(r.persona) ?? [];
        if (r.journey && !list.includes(r.journey)) list.push(r.journey);
        journeys.set(r.persona, list);
      }
      return journeys;
    },

    /** Each phase's journey; phases unknown or without a journey are absent. */
    async phaseJourneys(phaseIds: string[]): Promise<Map<string, string>> {
      const journeys = new Map<string, string>();
      if (!phaseIds.length) return journeys;
      const p = link(UID.phase, 'journey');
      const rows: Array<{ phase: string; journey: string }> = await k()({ p: p.own })
        .select({ phase: 'p.document_id', journey: 'j.document_id' })
        .join({ pl: p.table }, `pl.${p.from}`, 'p.id')
        .join({ j: tableOf(UID.journey) }, 'j.id', `pl.${p.to}`)
        .whereIn('p.document_id', phaseIds);
      for (const r of rows) journeys.set(r.phase, r.journey);
      return journeys;
    },
  };
};
