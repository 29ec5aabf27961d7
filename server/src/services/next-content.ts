import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { EntryScope } from '../permissions/entries';
import { toDay } from '../measure/periods';
import { ValidationError } from '../utils/errors';
import type { AuditRow } from '../../../shared/contracts/audit';
import type { Journey, Phase } from '../../../shared/contracts/journeys';
import type {
  BriefEntry,
  NextContentBrief,
  NextContentBriefQuery,
  NextContentItem,
  NextContentQuery,
  NextContentReport,
  NextContentWeights,
} from '../../../shared/contracts/next-content';
import { defaultSettings } from '../../../shared/contracts/settings';
import { buildMatrix, cellKey } from './coverage-rules';
import { briefMarkdown, ctaPart, dropOffPart, emotionPart, gapAgePart, personaPart, rank, score, shortage, type CtaKpiFact } from './next-content-rules';

const DAY = 24 * 60 * 60 * 1000;
/** Entries a brief lists to link from and to. */
const LINKS = 10;
/** Stale or draft entries a brief lists to refresh. */
const REFRESH = 20;

const toBriefEntry = (r: AuditRow): BriefEntry => ({
  contentType: r.contentType,
  documentId: r.documentId,
  locale: r.locale,
  title: r.title,
  status: r.status,
  updatedAt: r.updatedAt,
  flags: r.flags,
});

/**
 * "What to write next": every gap and thin cell of a journey (counting only published entries updated
 * within the stale period, so cells whose only content is stale or draft are in it), scored by the pure
 * rules of next-content-rules from the persona's priority, the phase's CTA and emotion, the measured
 * drop-off and the gap's age in the cell history the snapshots keep; and the brief of one cell.
 */
const nextContentService = ({ strapi }: { strapi: Core.Strapi }) => {
  const journeyOf = async (ref: string) => (await getService(strapi, 'journeys').getJourney(ref)) as Journey;

  return {
    async list(q: NextContentQuery): Promise<NextContentReport> {
      const [settings, journey, types] = await Promise.all([
        getService(strapi, 'settings').get(),
        journeyOf(q.journey),
        getService(strapi, 'coverage').typesFor(undefined),
        getService(strapi, 'entryStates').ready(),
      ]);
      const weights: NextContentWeights = settings.nextContentWeights ?? defaultSettings.nextContentWeights!;
      const now = getService(strapi, 'clock').now();
      const today = toDay(now);
      const phases = journey.phases ?? [];
      const personas = journey.personas ?? [];
      const phaseIds = phases.map((p) => p.documentId);
      const coverage = getService(strapi, 'coverage');
      const cutoff = new Date(now.getTime() - settings.staleAfterDays * DAY);
      const [counted, tagged] = await Promise.all([
        coverage.cellTotals(phaseIds, { types, includeDrafts: false, cutoff, locale: q.locale }),
        coverage.cellTotals(phaseIds, { types, includeDrafts: true, cutoff: new Date(0), locale: q.locale }),
      ]);
      const excluded = new Set<string>((journey.excludedCells ?? []).map((c) => cellKey(c.phase, c.persona)));
      const matrixOf = (totals: typeof counted) =>
        buildMatrix({
          phases: phases.map((p) => ({ documentId: p.documentId, minContentPerPersona: p.minContentPerPersona, ctaCount: (p.ctas ?? []).length })),
          personas: personas.map((p) => p.documentId),
          counts: totals.counts,
          phaseEntries: totals.phaseEntries,
          excluded,
          defaults: { min: settings.minPerCell, max: settings.maxPerCell },
        });
      const matrix = matrixOf(counted);
      const all = new Map(matrixOf(tagged).cells.map((c) => [cellKey(c.phase, c.persona ?? ''), c.count]));
      const mins = new Map(matrix.phases.map((p) => [p.phase, p.min]));
      const open = matrix.cells.filter((c) => c.state === 'gap' || c.state === 'thin');

      const measure = getService(strapi, 'measure');
      const [kpis, paths, since, lastDaily] = await Promise.all([
        open.length ? measure.kpis({ journey: journey.documentId }, journey) : Promise.resolve([]),
        open.length ? measure.paths({ journey: journey.documentId }, journey) : Promise.resolve(null),
        getService(strapi, 'cellHistory')
          .gapSinceOfCells(journey.documentId, open.filter((c) => c.state === 'gap').map((c) => ({ phase: c.phase, persona: c.persona ?? null })))
          .then((runs) => new Map(runs.filter((r) => r.since).map((r) => [cellKey(r.phase, r.persona ?? ''), r.since as string]))),
        getService(strapi, 'cellHistory').lastDay(journey.documentId),
      ]);
      const flows = new Map((paths?.phases ?? []).map((p) => [p.documentId, p]));
      const sessions = paths?.sessions ?? 0;
      const ctasOf = new Map<string, CtaKpiFact[]>();
      for (const k of kpis) {
        const phaseId = k.cta.phase?.documentId;
        if (!phaseId) continue;
        const fact: CtaKpiFact = { label: k.cta.label, target: k.target, direction: k.direction, value: k.projected ?? k.actual, status: k.status };
        ctasOf.set(phaseId, [...(ctasOf.get(phaseId) ?? []), fact]);
      }
      const priorities = personas.map((p) => p.priority ?? 0);
      const phaseById = new Map(phases.map((p) => [p.documentId, p]));
      const personaById = new Map(personas.map((p) => [p.documentId, p]));

      const items: NextContentItem[] = open.map((cell) => {
        const phase = phaseById.get(cell.phase)!;
        const persona = cell.persona ? personaById.get(cell.persona) ?? null : null;
        const key = cellKey(cell.phase, cell.persona ?? '');
        const min = mins.get(cell.phase) ?? settings.minPerCell;
        const parts = {
          persona: personaPart(persona ? { name: persona.name, priority: persona.priority ?? 0 } : null, priorities),
          cta: ctaPart(ctasOf.get(cell.phase) ?? []),
          emotion: emotionPart(phase.emotionScore, phase.emotionLabel),
          dropOff: sessions > 0 ? dropOffPart(flows.get(cell.phase) ?? null) : dropOffPart(null),
          gapAge: gapAgePart(cell.state === 'gap' ? since.get(key) ?? null : null, today),
        };
        return {
          phase: { documentId: phase.documentId, name: phase.name, position: phase.position },
          persona: persona ? { documentId: persona.documentId, name: persona.name } : null,
          state: cell.state,
          count: cell.count,
          min,
          staleOrDraft: Math.max(0, (all.get(key) ?? 0) - cell.count),
          score: score(parts, weights, shortage(cell.state, cell.count, min)),
          parts,
        };
      });

      return {
        journey: { documentId: journey.documentId, name: journey.name, slug: journey.slug },
        locale: q.locale ?? null,
        weights,
        measures: { sessions, kpis: kpis.some((k) => k.status !== 'noData'), lastDailySnapshot: lastDaily },
        items: rank(items),
      };
    },

    /**
     * The brief of one cell. `readable`: the entries the caller may read (the entries to link from and to,
     * and those to refresh, are only ever those).
     */
    async brief(q: NextContentBriefQuery, readable: EntryScope = EntryScope.everything(strapi)): Promise<NextContentBrief> {
      const journey = await journeyOf(q.journey);
      const phases = [...(journey.phases ?? [])].sort((a, b) => a.position - b.position);
      const index = phases.findIndex((p) => p.documentId === q.phase);
      if (index < 0) throw new ValidationError(`query.phase: ${q.phase} is not a phase of journey ${journey.name}`);
      const persona = q.persona ? (journey.personas ?? []).find((p) => p.documentId === q.persona) : null;
      if (q.persona && !persona) throw new ValidationError(`query.persona: ${q.persona} is not a persona of journey ${journey.name}`);
      const phase = phases[index];
      const previous: Phase | null = phases[index - 1] ?? null;
      const next: Phase | null = phases[index + 1] ?? null;

      const audit = getService(strapi, 'audit');
      const of = (phaseId: string, flag?: 'stale' | 'draftOnly', pageSize = LINKS) =>
        audit
          .list({ journey: journey.documentId, phase: phaseId, ...(q.persona ? { persona: q.persona } : {}), ...(q.locale ? { locale: q.locale } : {}), ...(flag ? { flag } : {}), pageSize, sort: 'updatedAt:desc' }, readable)
          .then((r) => r.data.map(toBriefEntry));
      const [from, to, stale, drafts] = await Promise.all([
        previous ? of(previous.documentId) : Promise.resolve([]),
        next ? of(next.documentId) : Promise.resolve([]),
        of(phase.documentId, 'stale', REFRESH),
        of(phase.documentId, 'draftOnly', REFRESH),
      ]);
      const refresh = [...stale, ...drafts.filter((d) => !stale.some((s) => s.contentType === d.contentType && s.documentId === d.documentId && s.locale === d.locale))].slice(0, REFRESH);

      const facts: Omit<NextContentBrief, 'markdown'> = {
        journey: { documentId: journey.documentId, name: journey.name },
        phase: {
          documentId: phase.documentId,
          name: phase.name,
          customerGoal: phase.customerGoal ?? null,
          questions: phase.questions ?? null,
          thoughts: phase.thoughts ?? null,
          touchpoints: phase.touchpoints ?? [],
          emotionLabel: phase.emotionLabel ?? null,
          emotionScore: phase.emotionScore ?? null,
        },
        persona: persona
          ? { documentId: persona.documentId, name: persona.name, goals: persona.goals ?? null, needs: persona.needs ?? null, painPoints: persona.painPoints ?? null, channels: persona.preferredChannels ?? [] }
          : null,
        ctas: (phase.ctas ?? [])
          .filter((c) => !q.persona || !c.persona || c.persona.documentId === q.persona)
          .map((c) => ({ label: c.label, kpiMetric: c.kpiMetric ?? null, kpiTarget: c.kpiTarget === null || c.kpiTarget === undefined ? null : Number(c.kpiTarget), kpiUnit: c.kpiUnit ?? null, kpiPeriod: c.kpiPeriod ?? null })),
        linkFrom: { phase: previous ? { documentId: previous.documentId, name: previous.name } : null, entries: from },
        linkTo: { phase: next ? { documentId: next.documentId, name: next.name } : null, entries: to },
        refresh,
      };
      return { ...facts, markdown: briefMarkdown(facts) };
    },
  };
};

export default nextContentService;
