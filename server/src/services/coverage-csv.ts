import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { safeCsvOptions } from '../utils/csv';
import type { CoverageQuery, CoverageReport } from '../../../shared/contracts/coverage';

/** The coverage matrix as CSV, one row per phase × persona cell (UTF-8 with a BOM for spreadsheets). */
const coverageCsvService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async render(query: CoverageQuery): Promise<{ filename: string; body: string }> {
    const report = await getService(strapi, 'coverage').matrix(query);
    const personaName = new Map(report.personas.map((p) => [p.documentId, p.name]));
    const phaseById = new Map<string, CoverageReport['phases'][number]>(report.phases.map((p) => [p.documentId, p]));
    const rows = report.cells.map((cell) => {
      const phase = phaseById.get(cell.phase);
      return {
        phasePosition: (phase?.position ?? 0) + 1,
        phase: phase?.name ?? cell.phase,
        persona: cell.persona ? personaName.get(cell.persona) ?? cell.persona : 'All personas',
        count: cell.count,
        state: cell.state,
        minimum: phase?.min ?? report.thresholds.min,
        maximum: report.thresholds.max ?? '',
        phaseLacksContent: phase?.flags?.lacksContent ? 'yes' : 'no',
        phaseHasNoCta: phase?.flags?.noCta ? 'yes' : 'no',
      };
    });
    // Loaded on first export rather than at boot: most boots never export a CSV.
    const { stringify } = await import('csv-stringify/sync');
    const body = stringify(rows, {
      header: true,
      bom: true,
      ...safeCsvOptions,
      columns: ['phasePosition', 'phase', 'persona', 'count', 'state', 'minimum', 'maximum', 'phaseLacksContent', 'phaseHasNoCta'],
    });
    const date = getService(strapi, 'clock').now().toISOString().slice(0, 10);
    return { filename: `journey-map-coverage-${report.journey.slug}-${date}.csv`, body };
  },
});

export default coverageCsvService;
