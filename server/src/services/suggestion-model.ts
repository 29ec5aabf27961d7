import MiniSearch from 'minisearch';
import { eng, jpn } from 'stopword';

/**
 * The pure side of tag suggestions: a text index of a journey's tagged entries (MiniSearch, BM25 weights)
 * whose nearest entries vote for phases and personas, and the leave-one-out measure of its hit rate.
 * Words come from the platform's ICU word segmenter (`Intl.Segmenter`), which splits Japanese as well as
 * English; common English and Japanese stop words are dropped (the `stopword` package's lists).
 * No I/O here: services/suggestions.ts reads the entries and keeps one model per journey.
 */

/** How many nearest tagged entries vote. */
export const NEIGHBOURS = 10;
/** How many suggested phases / personas are answered, and reasons per suggestion. */
export const MAX_SUGGESTIONS = 3;
export const MAX_REASONS = 3;
/** Entries measured by leaving each out in turn (evenly spread over the entries, in key order). */
export const QUALITY_SAMPLE = 500;

const STOP = new Set([...eng, ...jpn].map((w) => w.toLowerCase()));

/** `Intl.Segmenter` (Node's ICU; typed here because the server's TypeScript library predates it). */
interface WordSegmenter {
  segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }>;
}
const { Segmenter } = Intl as unknown as { Segmenter: new (locale: string, options: { granularity: 'word' }) => WordSegmenter };

const segmenters = new Map<string, WordSegmenter>();
const segmenterFor = (locale: string) => {
  const key = locale || 'en';
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Segmenter(key, { granularity: 'word' });
    } catch {
      s = new Segmenter('en', { granularity: 'word' });
    }
    segmenters.set(key, s);
  }
  return s;
};

/** The words of a text: ICU word segments that are words, lower-cased, without stop words and one-letter Latin words. */
export function tokenize(text: string, locale = 'en'): string[] {
  const words: string[] = [];
  for (const seg of segmenterFor(locale).segment(text.normalize('NFKC'))) {
    if (!seg.isWordLike) continue;
    const word = seg.segment.toLowerCase();
    if (/^[a-z0-9]$/.test(word) || STOP.has(word)) continue;
    words.push(word);
  }
  return words;
}

/** One tagged entry as the model indexes it. */
export interface TaggedDoc {
  /** entry key: `type|documentId|locale` (sorted on, so that the model does not depend on read order) */
  key: string;
  title: string;
  text: string;
  locale: string;
  phases: string[];
  personas: string[];
}

export interface Neighbour {
  key: string;
  score: number;
}

export interface Vote {
  /** a phase or persona documentId */
  id: string;
  /** its share of the neighbours' similarity, 0..1 */
  share: number;
  /** the neighbours that carry it, most similar first */
  neighbours: Neighbour[];
}

export interface SuggestionResult {
  phases: Vote[];
  personas: Vote[];
}

export interface Quality {
  tagged: number;
  measured: number;
  hits: number;
}

export interface SuggestionModel {
  docs: ReadonlyMap<string, TaggedDoc>;
  suggest(text: string, locale: string, leaveOut?: string): SuggestionResult;
  quality: Quality;
}

/** Sums the neighbours' similarity per phase and persona, and ranks them (ties by id, so the answer is stable). */
export function vote(neighbours: Neighbour[], docs: ReadonlyMap<string, TaggedDoc>): SuggestionResult {
  const tally = (pick: (d: TaggedDoc) => string[]) => {
    const by = new Map<string, { score: number; neighbours: Neighbour[] }>();
    let total = 0;
    for (const n of neighbours) {
      const doc = docs.get(n.key);
      if (!doc) continue;
      total += n.score;
      for (const id of new Set(pick(doc))) {
        const v = by.get(id) ?? { score: 0, neighbours: [] };
        v.score += n.score;
        v.neighbours.push(n);
        by.set(id, v);
      }
    }
    return [...by]
      .map(([id, v]) => ({ id, share: total > 0 ? v.score / total : 0, neighbours: v.neighbours }))
      .sort((a, b) => b.share - a.share || a.id.localeCompare(b.id))
      .slice(0, MAX_SUGGESTIONS);
  };
  return { phases: tally((d) => d.phases), personas: tally((d) => d.personas.filter(Boolean)) };
}

/** The entries measured by leave-one-out: at most `QUALITY_SAMPLE`, evenly spread over the keys in order. */
export function qualitySample(keys: string[], size = QUALITY_SAMPLE): string[] {
  const sorted = [...keys].sort();
  if (sorted.length <= size) return sorted;
  return Array.from({ length: size }, (_, i) => sorted[Math.floor((i * sorted.length) / size)]);
}

/** A query's words, at most this many (the rarest first). */
export const MAX_QUERY_WORDS = 32;
/** Words in more than this share of the tagged entries say nothing about a phase: left out of queries. */
export const COMMON_WORD_SHARE = 0.5;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds the model of a journey's tagged entries and measures it: each sampled entry is left out of its
 * own neighbours, and it is a hit when the top suggested phase is one of the entry's phases. (Its words
 * still count in the index's word weights; with hundreds of entries that is a small effect.) The work
 * gives way to other work every few entries, so that a build never holds up the server's requests.
 */
export async function buildModel(input: TaggedDoc[]): Promise<SuggestionModel> {
  const list = [...input].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const docs = new Map(list.map((d) => [d.key, d]));
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    // the documents are tokenized up front (with their locale): the index splits on the spaces between them
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR' },
  });
  /** in how many entries each word occurs */
  const frequency = new Map<string, number>();
  const prepared: Array<{ id: string; text: string }> = [];
  for (const [i, d] of list.entries()) {
    const words = tokenize(`${d.title} ${d.text}`, d.locale);
    for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    prepared.push({ id: d.key, text: words.join(' ') });
    if (i % 500 === 499) await pause();
  }
  await index.addAllAsync(prepared, { chunkSize: 500 });
  const common = Math.max(2, list.length * COMMON_WORD_SHARE);

  const suggest = (text: string, locale: string, leaveOut?: string): SuggestionResult => {
    // rare words first; words of most entries and words no entry has are left out
    const terms = [...new Set(tokenize(text, locale))]
      .filter((w) => (frequency.get(w) ?? 0) > 0 && (frequency.get(w) ?? 0) <= common)
      .sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1))
      .slice(0, MAX_QUERY_WORDS);
    if (terms.length === 0) return { phases: [], personas: [] };
    const hits = index
      .search({ combineWith: 'OR', queries: terms }, { filter: leaveOut ? (r) => r.id !== leaveOut : undefined })
      .map((r) => ({ key: String(r.id), score: r.score }))
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
      .slice(0, NEIGHBOURS);
    return vote(hits, docs);
  };

  let hits = 0;
  const sample = qualitySample(list.map((d) => d.key));
  for (const [i, key] of sample.entries()) {
    const doc = docs.get(key)!;
    const top = suggest(`${doc.title} ${doc.text}`, doc.locale, key).phases[0];
    if (top && doc.phases.includes(top.id)) hits++;
    if (i % 10 === 9) await pause();
  }
  return { docs, suggest, quality: { tagged: list.length, measured: sample.length, hits } };
}
