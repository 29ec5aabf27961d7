import type { Core } from '@strapi/strapi';
import { seedNow } from './site';

const DAYS = 89;
const DAY_MS = 86_400_000;
/** Advocacy's only article went stale this many days ago: its cells became gaps then. */
export const ADVOCACY_GAP_DAYS = 20;
/** Decision × Small business owner was a gap until this many days ago (its content came then). */
export const CASE_STUDY_DAYS = 12;

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The content map's history for "Smartphone repair": one row per cell for each of the 89 days before the
 * clock's today (jm_cell_history, as the daily snapshots would have written it), told from today's
 * matrix backwards: Advocacy had its article until it went stale 20 days ago (gaps opened), Decision ×
 * Small business owner got its content 12 days ago (a gap closed), and cells with more than their minimum
 * gained their last entry about six weeks ago. Idempotent: nothing is added once the journey has history.
 */
export async function seedDemoHistory(strapi: Core.Strapi) {
  const plugin = strapi.plugin('journey-map');
  if (!plugin) return false;
  const journey: any = await plugin.service('journeys').getJourney('smartphone-repair').catch(() => null);
  if (!journey) return false;
  const k = strapi.db.connection;
  if (await k('jm_cell_history').where('journey_id', journey.documentId).first()) return false;

  const report: any = await plugin.service('coverage').matrix({ journey: journey.documentId });
  const slugOf = new Map<string, string>([...report.phases.map((p: any) => [p.documentId, p.slug]), ...report.personas.map((p: any) => [p.documentId, p.slug])]);
  const minOf = new Map<string, number>(report.phases.map((p: any) => [p.documentId, p.min]));
  const max: number | null = report.thresholds.max;
  const stateOf = (count: number, min: number) => (count === 0 ? 'gap' : count < min ? 'thin' : max !== null && count > max ? 'excess' : 'ok');
  const now = seedNow(strapi);
  const stamp = { created_at: now, updated_at: now, published_at: now };
  const rows: Record<string, unknown>[] = [];
  for (let i = DAYS; i >= 1; i -= 1) {
    const d = day(new Date(now.getTime() - i * DAY_MS));
    for (const cell of report.cells) {
      let { count, state } = cell as { count: number; state: string };
      const min = minOf.get(cell.phase) ?? 1;
      if (state !== 'not-applicable') {
        const phase = slugOf.get(cell.phase);
        const persona = slugOf.get(cell.persona);
        if (phase === 'advocacy' && i >= ADVOCACY_GAP_DAYS) count = Math.max(count, 1);
        else if (phase === 'decision' && persona === 'small-business-owner' && i >= CASE_STUDY_DAYS) count = 0;
        else if (count > min && i >= 42) count -= 1;
        state = stateOf(count, min);
      }
      rows.push({ journey_id: journey.documentId, day: d, phase_id: cell.phase, persona_id: cell.persona ?? '', count, state, document_id: `seedhistory${String(rows.length).padStart(13, '0')}`, ...stamp });
    }
  }
  await k.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 100) await trx('jm_cell_history').insert(rows.slice(i, i + 100));
  });
  strapi.log.info(`[playground] Seeded ${DAYS} days of coverage history for "Smartphone repair".`);
  return true;
}
