/**
 * "What to write next": the pure rules that score a cell of the content map from what is known of it
 * (docs/how-it-works.md, "What to write next"), and the brief as Markdown. No I/O: services/next-content
 * gathers the facts, these decide.
 */
import type { CellState } from '../../../shared/contracts/coverage';
import type { KpiStatus } from '../../../shared/contracts/measure';
import type { BriefEntry, NextContentBrief, NextContentWeights, ScoreParts } from '../../../shared/contracts/next-content';

/** A gap older than this weighs the most; younger ones weigh in proportion. */
export const GAP_AGE_FULL_DAYS = 90;
const DAY = 86_400_000;

const clamp01 = (n: number) => Math.max(0, Math.min(1, n));
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The persona's part: its priority relative to the journey's highest (higher first); 0 when none is set. */
export function personaPart(persona: { name: string; priority: number } | null, priorities: number[]): ScoreParts['persona'] {
  if (!persona) return { value: 0, priority: null, rank: null, name: null };
  const highest = Math.max(0, ...priorities);
  if (highest <= 0) return { value: 0, priority: persona.priority, rank: null, name: persona.name };
  const rank = 1 + new Set(priorities.filter((p) => p > persona.priority)).size;
  return { value: round(clamp01(persona.priority / highest)), priority: persona.priority, rank, name: persona.name };
}

/** What the KPI report says of one CTA of the phase. */
export interface CtaKpiFact {
  label: string;
  target: number | null;
  direction: 'higher' | 'lower';
  /** the running period's projection, else its actual value */
  value: number | null;
  status: KpiStatus;
}

/** How far a KPI is behind its target, 0 (on or above target) … 1; null when it cannot be told. */
export function shortfall(kpi: CtaKpiFact): number | null {
  if (kpi.status === 'noData' || kpi.target === null || kpi.value === null) return null;
  if (kpi.target === 0) return kpi.direction === 'lower' ? (kpi.value > 0 ? 1 : 0) : 0;
  const behind = kpi.direction === 'higher' ? (kpi.target - kpi.value) / kpi.target : (kpi.value - kpi.target) / kpi.target;
  return round(clamp01(behind));
}

/** The phase's CTA part: no CTA at all weighs fully; otherwise its worst KPI shortfall (null when none is measured). */
export function ctaPart(ctas: CtaKpiFact[]): ScoreParts['cta'] {
  if (ctas.length === 0) return { value: 1, kind: 'none', label: null, shortfall: null, status: null };
  const judged = ctas.map((c) => ({ c, s: shortfall(c) })).filter((x): x is { c: CtaKpiFact; s: number } => x.s !== null);
  if (judged.length === 0) return { value: null, kind: 'noData', label: ctas[0].label, shortfall: null, status: 'noData' };
  const worst = judged.reduce((a, b) => (b.s > a.s ? b : a));
  if (worst.s === 0) return { value: 0, kind: 'onTarget', label: worst.c.label, shortfall: 0, status: worst.c.status };
  return { value: worst.s, kind: 'behind', label: worst.c.label, shortfall: worst.s, status: worst.c.status };
}

/** The emotion part: −2 (the lowest point) weighs 1, +2 weighs 0. */
export function emotionPart(score: number | null | undefined, label: string | null | undefined): ScoreParts['emotion'] {
  if (score === null || score === undefined) return { value: null, score: null, label: label ?? null };
  return { value: round(clamp01((2 - score) / 4)), score, label: label ?? null };
}

/** The drop-off part: of the sessions that reached the phase, the share that went no further. */
export function dropOffPart(flow: { reached: number; dropOff: number } | null): ScoreParts['dropOff'] {
  if (!flow || flow.reached <= 0) return { value: null, share: null, reached: flow?.reached ?? 0, stopped: flow?.dropOff ?? 0 };
  const share = round(clamp01(flow.dropOff / flow.reached));
  return { value: share, share, reached: flow.reached, stopped: flow.dropOff };
}

/** The gap-age part: days since the snapshots first show the cell as a gap (without a break), to `today`. */
export function gapAgePart(since: string | null, today: string): ScoreParts['gapAge'] {
  if (!since) return { value: null, days: null, since: null };
  const days = Math.max(0, Math.round((new Date(`${today}T00:00:00Z`).getTime() - new Date(`${since}T00:00:00Z`).getTime()) / DAY));
  return { value: round(clamp01(days / GAP_AGE_FULL_DAYS)), days, since };
}

/** How much is missing: a gap 1, a thin cell the missing share of its minimum. */
export function shortage(state: CellState, count: number, min: number): number {
  if (state === 'gap') return 1;
  if (state === 'thin' && min > 0) return round(clamp01((min - count) / min));
  return 0;
}

/**
 * The score, 0…100: the weighted mean of the parts (a part not known counts 0, so cells are ranked from
 * what is known), times the cell's shortage. With every weight at 0 the shortage alone ranks.
 */
export function score(parts: ScoreParts, weights: NextContentWeights, missing: number): number {
  const keys = Object.keys(weights) as Array<keyof ScoreParts>;
  const total = keys.reduce((sum, k) => sum + weights[k], 0);
  const mean = total === 0 ? 1 : keys.reduce((sum, k) => sum + weights[k] * (parts[k].value ?? 0), 0) / total;
  return Math.round(1000 * mean * missing) / 10;
}

/** What ranking needs of an item. */
export interface Rankable {
  score: number;
  state: CellState;
  phase: { position: number; name: string };
  persona: { name: string } | null;
  parts: Pick<ScoreParts, 'persona'>;
}

/** Highest score first; ties: gaps before thin cells, earlier phases, higher-priority personas, then by name. */
export function rank<T extends Rankable>(items: T[]): T[] {
  const order = (s: CellState) => (s === 'gap' ? 0 : 1);
  return [...items].sort(
    (a, b) =>
      b.score - a.score ||
      order(a.state) - order(b.state) ||
      a.phase.position - b.phase.position ||
      (b.parts.persona.priority ?? 0) - (a.parts.persona.priority ?? 0) ||
      (a.persona?.name ?? '').localeCompare(b.persona?.name ?? '')
  );
}

/* The brief as Markdown */

/** Text for Markdown: line breaks kept as separate lines, leading Markdown markers escaped. */
const md = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim().replace(/^([#>*+-]|\d+\.)(\s)/, '\\$1$2'))
    .filter((line) => line.length > 0)
    .join('  \n');

const field = (label: string, value: string | null | undefined) => (value && value.trim() ? [`**${label}:** ${md(value)}`] : []);
const list = (label: string, values: string[]) => (values.length ? [`**${label}:** ${values.map(md).join(', ')}`] : []);
const section = (title: string, lines: string[]) => (lines.length ? [`## ${title}`, '', ...lines.flatMap((l) => [l, '']) ] : []);

const entryLine = (e: BriefEntry) => {
  const title = e.title && e.title.trim() ? md(e.title) : `(untitled ${e.documentId})`;
  const facts = [e.contentType, e.locale, e.status === 'draft' ? 'draft' : null, e.flags.includes('stale') ? 'stale' : null].filter(Boolean);
  return `- ${title} (${facts.join(', ')})`;
};

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The brief of a cell as Markdown (the API's `markdown`, copied by the page and written into a draft). */
export function briefMarkdown(b: Omit<NextContentBrief, 'markdown'>): string {
  const who = b.persona ? `${b.persona.name} · ${b.phase.name}` : b.phase.name;
  const emotion = b.phase.emotionScore !== null || b.phase.emotionLabel
    ? [b.phase.emotionLabel, b.phase.emotionScore !== null ? `(${b.phase.emotionScore > 0 ? '+' : ''}${b.phase.emotionScore} on −2…+2)` : null].filter(Boolean).join(' ')
    : null;
  const lines: string[] = [`# Brief: ${md(who)}`, '', `Journey: ${md(b.journey.name)}`, ''];
  if (b.persona) {
    lines.push(
      ...section(`Persona: ${md(b.persona.name)}`, [
        ...field('Goals', b.persona.goals),
        ...field('Needs', b.persona.needs),
        ...field('Pains', b.persona.painPoints),
        ...list('Channels', b.persona.channels),
      ])
    );
  }
  lines.push(
    ...section(`Phase: ${md(b.phase.name)}`, [
      ...field('Customer goal', b.phase.customerGoal),
      ...field('Questions', b.phase.questions),
      ...field('Thoughts', b.phase.thoughts),
      ...list('Touchpoints', b.phase.touchpoints),
      ...field('Emotion', emotion),
    ])
  );
  lines.push(
    ...section(
      'Call to action',
      b.ctas.length
        ? b.ctas.map((c) => {
            const target = c.kpiTarget !== null ? `target ${formatNumber(c.kpiTarget)}${c.kpiUnit ? ` ${md(c.kpiUnit)}` : ''}${c.kpiMetric ? ` ${md(c.kpiMetric)}` : ''}${c.kpiPeriod ? ` per ${c.kpiPeriod}` : ''}` : 'no KPI target';
            return `- ${md(c.label)} (${target})`;
          })
        : ['This phase has no call to action yet.']
    )
  );
  const links = (phase: { name: string } | null, entries: BriefEntry[], none: string) =>
    phase ? (entries.length ? entries.map(entryLine) : [none]) : [];
  lines.push(...section(b.linkFrom.phase ? `Link from (${md(b.linkFrom.phase.name)})` : 'Link from', links(b.linkFrom.phase, b.linkFrom.entries, 'No entries in the previous phase yet.')));
  lines.push(...section(b.linkTo.phase ? `Link to (${md(b.linkTo.phase.name)})` : 'Link to', links(b.linkTo.phase, b.linkTo.entries, 'No entries in the next phase yet.')));
  if (b.refresh.length) lines.push(...section('Refresh instead of writing new', b.refresh.map(entryLine)));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
