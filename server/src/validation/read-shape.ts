/**
 * One shape in and out: a write route accepts the body its read returned. These functions turn a read
 * shape into the write shape before the (strict) zod schema sees it: fields the server owns (ids, dates,
 * positions, counts, nested lists written through their own routes) are dropped, related records become
 * their documentIds, and a CTA's nested `kpi` (as the content API shows it) becomes the flat `kpi…` fields.
 * Anything else, unknown keys included, is left for the schema to judge, so a typo is still a 400.
 */

type Body = Record<string, unknown>;

/** Keys every Strapi document carries that a client never writes. */
const SERVER_OWNED = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'createdBy', 'updatedBy', 'localizations'];

const isPlainObject = (v: unknown): v is Body => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** A related record as read (`{ documentId, name, … }`) → its documentId; anything else unchanged. */
const idOf = (v: unknown) => (isPlainObject(v) && typeof v.documentId === 'string' ? v.documentId : v);
const idsOf = (v: unknown) => (Array.isArray(v) ? v.map(idOf) : v);

function without(body: Body, keys: string[]): Body {
  const out = { ...body };
  for (const key of keys) delete out[key];
  return out;
}

/** Applies `fn` to plain-object bodies only (anything else goes to the schema as it is, to be refused). */
const shape = (fn: (body: Body) => Body) => (body: unknown) => (isPlainObject(body) ? fn(body) : body);

const KPI_KEYS: Record<string, string> = {
  metric: 'kpiMetric',
  unit: 'kpiUnit',
  baseline: 'kpiBaseline',
  target: 'kpiTarget',
  direction: 'kpiDirection',
  period: 'kpiPeriod',
};

export const writeShape = {
  /** `phases` are written through /phases and /journeys/:id/phase-order. */
  journey: shape((body) => {
    const out = without(body, [...SERVER_OWNED, 'phases']);
    if ('personas' in out) out.personas = idsOf(out.personas);
    if (Array.isArray(out.excludedCells)) {
      out.excludedCells = out.excludedCells.map((cell) => (isPlainObject(cell) ? { ...cell, phase: idOf(cell.phase), persona: idOf(cell.persona) } : cell));
    }
    return out;
  }),

  /** `ctas` are written through /ctas; `position` through phase-order (kept on create, where it places the phase). */
  phaseCreate: shape((body) => {
    const out = without(body, [...SERVER_OWNED, 'ctas']);
    if ('journey' in out) out.journey = idOf(out.journey);
    return out;
  }),
  /** A phase stays in its journey and place: `journey` and `position` in a PUT are ignored. */
  phaseUpdate: shape((body) => without(body, [...SERVER_OWNED, 'ctas', 'journey', 'position'])),

  persona: shape((body) => {
    const out = without(body, SERVER_OWNED);
    if ('journeys' in out) out.journeys = idsOf(out.journeys);
    return out;
  }),

  cta: shape((body) => {
    const out = without(body, SERVER_OWNED);
    if ('phase' in out) out.phase = idOf(out.phase);
    if ('persona' in out) out.persona = idOf(out.persona);
    if (isPlainObject(out.kpi)) {
      const kpi = out.kpi;
      delete out.kpi;
      for (const [key, value] of Object.entries(kpi)) {
        const flat = KPI_KEYS[key];
        // an unknown key inside kpi is kept under its flat-looking name so that the schema names it
        const target = flat ?? `kpi.${key}`;
        if (!(target in out)) out[target] = value;
      }
    } else if (out.kpi === null) {
      delete out.kpi;
    }
    return out;
  }),

  /** An entry's tags as GET /assignments returns them: the entry's key and the computed rows are read-only. */
  tags: shape((body) => without(body, ['contentType', 'documentId', 'locale', 'allPersonasPhases', 'rows'])),

  /**
   * A snapshot as read: only `journey` (its documentId) and `note` are written. `kind: "manual"` (what
   * this route takes) is ignored; any other kind stays for the schema to refuse, since only the daily
   * job takes daily snapshots.
   */
  snapshot: shape((body) => {
    const out = without(body, [...SERVER_OWNED, 'takenAt', 'day', 'summary', 'coverage', 'untagged', 'stale', 'entries']);
    if (out.kind === 'manual') delete out.kind;
    if ('journey' in out) out.journey = idOf(out.journey);
    if (out.note === null) delete out.note;
    return out;
  }),
};
