import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse as csvParse } from 'csv-parse';
import type { Core, Struct } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { ValidationError, PayloadTooLargeError } from '../utils/errors';
import { inTransaction } from '../db/transaction';
import type { Dialect } from '../repositories/locks';
import { analyticsRepository, type DayRow, type EventRow } from '../repositories/analytics';
import { compilePattern, normaliseLink, normalisePath, patternFields, renderPattern, LOCALE_PLACEHOLDER } from '../analytics/paths';
import { fromMapping, recognise, type Format } from '../analytics/formats';
import { cellsOf, DATE_MESSAGE, isRealDay, rowSchema, toRow } from '../analytics/cells';
import type { AnalyticsSource, ImportFields, ImportSummary, RejectedRow } from '../../../shared/contracts/imports';

/** Distinct aggregates one import may hold (entries × periods, or events × links × periods). */
export const MAX_AGGREGATES = 500_000;
const MAX_EXAMPLES = 10;
const SEP = '\u0000';

interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

interface DayTotals {
  views: number;
  visitors: number;
  engagedSeconds: number;
  conversions: number;
}

/** The file's text encoding and delimiter, from its first bytes (Matomo's CSV is UTF-16LE with a BOM). */
async function sniff(filePath: string): Promise<{ encoding: BufferEncoding; delimiter: string }> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const encoding: BufferEncoding = head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8';
    const text = head.toString(encoding).replace(/^\uFEFF/, '');
    const headerLine = text.split(/\r?\n/).find((line) => line.trim() && !line.startsWith('#')) ?? '';
    const unquoted = headerLine.replace(/"[^"]*"/g, '');
    const counts = [',', '\t', ';'].map((d) => [d, unquoted.split(d).length - 1] as const);
    const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { encoding, delimiter: best[1] > 0 ? best[0] : ',' };
  } finally {
    await handle.close();
  }
}

/** A GA4 download's `# Start date: 20261101` / `# End date: 20261130` comment lines. */
const ga4Date = (line: string, which: 'start' | 'end') => {
  const m = new RegExp(`^#\\s*${which} date:\\s*(\\d{4})-?(\\d{2})-?(\\d{2})`, 'i').exec(line);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
};

const importsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const dialect = () => strapi.db.dialect.client as Dialect;

  /** normalised path → entry, from every tracked type's URL patterns (one Map read per row). */
  async function pathLookup(): Promise<Map<string, EntryRef>> {
    const settings = await getService(strapi, 'settings').get();
    const tracked = new Set(settings.trackedContentTypes);
    const lookup = new Map<string, EntryRef>();
    const repo = analyticsRepository(strapi.db, dialect());
    for (const [uid, patterns] of Object.entries(settings.urlPatterns ?? {})) {
      const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema | undefined;
      if (!tracked.has(uid) || !ct) continue;
      const localized = Boolean((ct.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
      const meta = strapi.db.metadata.get(uid);
      for (const { locale, pattern } of patterns) {
        const compiled = compilePattern(pattern);
        if ('error' in compiled) continue; // saved settings were checked; a later schema change skips it
        const fields = patternFields(compiled.parts);
        const columns = fields.map((f) => (meta.attributes[f] as { columnName?: string } | undefined)?.columnName);
        if (columns.some((c) => !c)) continue;
        const rows = await repo.fieldValues(meta.tableName, columns as string[], locale, localized);
        for (const row of rows) {
          const values: Record<string, unknown> = {};
          fields.forEach((f, i) => (values[f] = row[columns[i]!]));
          const entryLocale = localized ? String(row.locale ?? '') : '';
          const path = renderPattern(compiled.parts, values, entryLocale);
          if (path && !lookup.has(path)) lookup.set(path, { contentType: uid, documentId: String(row.document_id), locale: entryLocale });
        }
      }
    }
    return lookup;
  }

  return {
    /** Throws a 400 naming the key when a URL pattern of Settings does not fit its type. */
    assertUrlPatterns(urlPatterns: Record<string, Array<{ locale: string | null; pattern: string }>> | undefined) {
      const types = getService(strapi, 'contentTypes');
      for (const [uid, patterns] of Object.entries(urlPatterns ?? {})) {
        if (!types.isTrackable(uid)) throw new ValidationError(`body.urlPatterns.${uid}: not a trackable content type`);
        const ct = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as Struct.ContentTypeSchema;
        const localized = Boolean((ct.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
        patterns.forEach(({ locale, pattern }, i) => {
          const where = `body.urlPatterns.${uid}.${i}.pattern`;
          const compiled = compilePattern(pattern);
          if ('error' in compiled) throw new ValidationError(`${where}: ${compiled.error}`);
          if (locale && !localized) throw new ValidationError(`body.urlPatterns.${uid}.${i}.locale: ${uid} is not localized`);
          for (const part of compiled.parts) {
            if (!('placeholder' in part)) continue;
            const { name } = part.placeholder;
            if (name === LOCALE_PLACEHOLDER && !ct.attributes[name]) {
              if (!localized) throw new ValidationError(`${where}: {locale} needs a localized type; ${uid} is not`);
              continue;
            }
            const attribute = ct.attributes[name] as { type?: string } | undefined;
            if (!attribute) throw new ValidationError(`${where}: {${name}} is not a field of ${uid}`);
            if (!['string', 'uid', 'text', 'email', 'integer', 'biginteger', 'enumeration'].includes(String(attribute.type))) {
              throw new ValidationError(`${where}: {${name}} is a ${attribute.type} field; a URL takes a text, uid, number or enumeration field`);
            }
          }
        });
      }
    },

    /**
     * Reads an analytics export (a CSV file on disk) row by row, matches page rows to entries and adds
     * them up per entry and period (events per name, link and period), then, unless `dryRun`, replaces
     * what this source stored for the period with them, in one transaction. A bad cell refuses the whole
     * file (a 400 naming the row and column); a preview reports it instead.
     */
    async importFile(input: { filePath: string; fields: ImportFields; dryRun: boolean }): Promise<ImportSummary> {
      const { filePath, fields, dryRun } = input;
      const { encoding, delimiter } = await sniff(filePath);
      const parser = createReadStream(filePath).pipe(
        csvParse({ bom: true, encoding, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, trim: false })
      );

      let format: Format | null = null;
      let schema: ReturnType<typeof rowSchema> | null = null;
      let lookup: Map<string, EntryRef> | null = null;
      let ended = false;
      let commentStart: string | null = null;
      let commentEnd: string | null = null;
      let fixedPeriod: { start: string; end: string } | null = fields.periodStart && fields.periodEnd ? { start: fields.periodStart, end: fields.periodEnd } : null;
      let minDate: string | null = null;
      let maxDate: string | null = null;
      let rowsRead = 0;
      let matched = 0;
      let unmatchedCount = 0;
      const unmatchedExamples = new Set<string>();
      const rejected: RejectedRow[] = [];
      let rejectedCount = 0;
      const days = new Map<string, DayTotals>();
      const events = new Map<string, number>();

      const reject = (row: number, column: string, message: string) => {
        rejectedCount += 1;
        if (rejected.length < MAX_EXAMPLES) rejected.push({ row, column, message });
      };

      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (ended) continue;
        const first = (record[0] ?? '').trim();
        if (first.startsWith('#')) {
          if (format) {
            ended = true; // a download's next table (or its notes): the report read is the first one
            continue;
          }
          const line = record.join(delimiter);
          commentStart = ga4Date(line, 'start') ?? commentStart;
          commentEnd = ga4Date(line, 'end') ?? commentEnd;
          continue;
        }
        if (record.every((cell) => !cell.trim())) continue;

        if (!format) {
          const header = record.map((h) => h.replace(/^\uFEFF/, ''));
          if (fields.source === 'generic') {
            const f = fromMapping(header, fields.mapping!);
            if ('missing' in f) throw new ValidationError(`body.mapping.${f.missing[0].role}: the file has no column "${f.missing[0].column}"`, { header: header.slice(0, 50) });
            format = f;
          } else {
            format = recognise(header, fields.source);
            if (!format) {
              throw new ValidationError(
                `body.file: the header row (${header.slice(0, 8).join(', ')}) is not a ${fields.source === 'auto' ? 'known' : fields.source} page or event export; choose generic and map its columns`,
                { header: header.slice(0, 50) }
              );
            }
          }
          schema = rowSchema(format);
          if (!fixedPeriod && format.columns.date === undefined) {
            if (commentStart && commentEnd) fixedPeriod = { start: commentStart, end: commentEnd };
            else throw new ValidationError('body.periodEnd: this export has no date per row: give periodStart and periodEnd');
          }
          if (format.kind === 'pages') lookup = await pathLookup();
          continue;
        }

        rowsRead += 1;
        const line = info.lines;
        const cells = cellsOf(format, record);
        const parsed = schema!.safeParse(cells);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const role = String(issue.path[0]);
          const value = (cells[role] ?? '').trim();
          reject(line, format.names[role as keyof Format['names']] ?? role, `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" ${issue.message}`);
          continue;
        }
        if (cells.date !== undefined && !isRealDay(cells.date)) {
          reject(line, format.names.date!, `"${cells.date.trim()}" ${DATE_MESSAGE}`);
          continue;
        }
        const row = toRow(cells);
        let period: { start: string; end: string };
        if (row.date) {
          if (fields.periodStart && fields.periodEnd && (row.date < fields.periodStart || row.date > fields.periodEnd)) {
            reject(line, format.names.date!, `${row.date} is outside the period ${fields.periodStart}..${fields.periodEnd}`);
            continue;
          }
          if (!minDate || row.date < minDate) minDate = row.date;
          if (!maxDate || row.date > maxDate) maxDate = row.date;
          period = { start: row.date, end: row.date };
        } else {
          period = fixedPeriod!;
        }
        if (rejectedCount > 0) continue; // the file will be refused: only count and name the bad rows

        if (format.kind === 'events') {
          const key = [row.eventName, normaliseLink(row.link ?? ''), period.start, period.end].join(SEP);
          if (!events.has(key) && events.size >= MAX_AGGREGATES) throw new PayloadTooLargeError(`body.file: more than ${MAX_AGGREGATES} distinct events, links and days; split the file`);
          events.set(key, (events.get(key) ?? 0) + (row.count ?? 0));
          matched += 1;
          continue;
        }

        const path = normalisePath(row.path ?? '');
        const entry = path ? lookup!.get(path) : undefined;
        if (!entry) {
          unmatchedCount += 1;
          if (path && unmatchedExamples.size < MAX_EXAMPLES) unmatchedExamples.add(path);
          continue;
        }
        matched += 1;
        const key = [entry.contentType, entry.documentId, entry.locale, period.start, period.end].join(SEP);
        let totals = days.get(key);
        if (!totals) {
          if (days.size >= MAX_AGGREGATES) throw new PayloadTooLargeError(`body.file: more than ${MAX_AGGREGATES} distinct entries and days; split the file`);
          totals = { views: 0, visitors: 0, engagedSeconds: 0, conversions: 0 };
          days.set(key, totals);
        }
        const views = row.views ?? 0;
        const visitors = row.visitors ?? 0;
        const engaged = row.engagedSeconds ?? 0;
        totals.views += views;
        totals.visitors += visitors;
        totals.conversions += row.conversions ?? 0;
        totals.engagedSeconds += format.engagedAs === 'perVisitor' ? engaged * visitors : format.engagedAs === 'perView' ? engaged * views : engaged;
      }

      if (!format) throw new ValidationError('body.file: the file has no header row');
      const period =
        fields.periodStart && fields.periodEnd
          ? { start: fields.periodStart, end: fields.periodEnd }
          : format.columns.date === undefined
            ? fixedPeriod
            : commentStart && commentEnd && minDate && commentStart <= minDate && commentEnd >= maxDate!
              ? { start: commentStart, end: commentEnd }
              : minDate && maxDate
                ? { start: minDate, end: maxDate }
                : null;

      if (rejectedCount > 0 && !dryRun) {
        const firstBad = rejected[0];
        const more = rejectedCount > 1 ? ` (${rejectedCount - 1} more row${rejectedCount > 2 ? 's' : ''} refused; nothing was imported)` : ' (nothing was imported)';
        throw new ValidationError(`body.file: row ${firstBad.row}, column "${firstBad.column}": ${firstBad.message}${more}`, {
          errors: rejected.map((r) => ({ path: `body.file.row ${r.row}.${r.column}`, message: r.message })),
          rejected: { count: rejectedCount, rows: rejected },
        });
      }
      if (!period && !dryRun) throw new ValidationError('body.file: the file has no rows and no period: nothing to import');

      const source: AnalyticsSource = format.source;
      const dayRows: DayRow[] = [];
      const byType = new Map<string, { entries: Set<string>; views: number }>();
      for (const [key, totals] of days) {
        const [contentType, entryDocumentId, entryLocale, periodStart, periodEnd] = key.split(SEP);
        dayRows.push({ contentType, entryDocumentId, entryLocale, periodStart, periodEnd, ...totals });
        const t = byType.get(contentType) ?? { entries: new Set<string>(), views: 0 };
        t.entries.add(`${entryDocumentId}${SEP}${entryLocale}`);
        t.views += totals.views;
        byType.set(contentType, t);
      }
      days.clear();
      const eventRows: EventRow[] = [];
      for (const [key, total] of events) {
        const [eventName, link, periodStart, periodEnd] = key.split(SEP);
        eventRows.push({ eventName, link, periodStart, periodEnd, total });
      }
      events.clear();

      let replaced = 0;
      if (!dryRun && period) {
        const repo = analyticsRepository(strapi.db, dialect());
        await repo.ensureImportLock(source);
        replaced = await inTransaction(strapi, async (trx) => {
          const inTrx = analyticsRepository(trx, dialect());
          await inTrx.lockImport(source);
          const gone = await inTrx.deleteOverlapping(format!.kind, source, period.start, period.end);
          if (format!.kind === 'pages') await inTrx.insertDays(source, dayRows);
          else await inTrx.insertEvents(source, eventRows);
          return gone;
        });
      }

      return {
        written: !dryRun,
        source,
        kind: format.kind,
        format: format.id,
        period,
        rowsRead,
        matched,
        unmatched: { count: unmatchedCount, examples: [...unmatchedExamples] },
        rejected: { count: rejectedCount, rows: rejected },
        stored: format.kind === 'pages' ? dayRows.length : eventRows.length,
        replaced,
        byType: [...byType].map(([contentType, t]) => ({ contentType, entries: t.entries.size, views: t.views })).sort((a, b) => a.contentType.localeCompare(b.contentType)),
      };
    },
  };
};

export default importsService;
