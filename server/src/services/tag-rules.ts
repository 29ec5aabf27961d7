import type { TagRow, EntryKey } from '../repositories/tags';
import { ValidationError } from '../utils/errors';

export interface PhaseRef {
  documentId: string;
  journeyId: string;
  ctaIds: string[];
}
export interface PersonaRef {
  documentId: string;
  journeyIds: string[];
}

export const ALL_PERSONAS = '';

/**
 * Turns an entry's picked phases, personas and CTA into tag rows. Personas apply to the phases
 * of their journeys; a phase whose journey has none of the picked personas is tagged for all personas.
 * Throws a 400 naming the field when a persona or the CTA fits none of the picked phases.
 */
export function buildTagRows(
  entry: EntryKey,
  phases: PhaseRef[],
  personas: PersonaRef[],
  ctaId: string | null
): TagRow[] {
  personas.forEach((persona, i) => {
    if (!phases.some((p) => persona.journeyIds.includes(p.journeyId))) {
      throw new ValidationError(`body.personas.${i}: persona ${persona.documentId} belongs to none of the picked phases' journeys`);
    }
  });
  if (ctaId && !phases.some((p) => p.ctaIds.includes(ctaId))) {
    throw new ValidationError(`body.cta: CTA ${ctaId} belongs to none of the picked phases`);
  }
  const rows: TagRow[] = [];
  for (const phase of phases) {
    const own = personas.filter((p) => p.journeyIds.includes(phase.journeyId)).map((p) => p.documentId);
    for (const personaId of own.length ? own : [ALL_PERSONAS]) {
      rows.push({ ...entry, journeyId: phase.journeyId, phaseId: phase.documentId, personaId, ctaId });
    }
  }
  return normalizeTags(rows);
}

const tagKey = (r: TagRow) => `${r.contentType}|${r.entryDocumentId}|${r.entryLocale}|${r.phaseId}|${r.personaId}`;
const phaseKey = (r: TagRow) => `${r.contentType}|${r.entryDocumentId}|${r.entryLocale}|${r.phaseId}`;

/**
 * One row per (entry, phase, persona), and "all personas" wins over specific personas of the same phase,
 * so that a coverage cell never counts the same entry twice.
 */
export function normalizeTags(rows: TagRow[]): TagRow[] {
  const allPersonaPhases = new Set(rows.filter((r) => r.personaId === ALL_PERSONAS).map(phaseKey));
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (r.personaId !== ALL_PERSONAS && allPersonaPhases.has(phaseKey(r))) return false;
    const key = tagKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Tags of `current` not matched by the removal: a removal without personas removes the whole phase. */
export function withoutTags(current: TagRow[], phaseIds: string[], personaIds: string[]): TagRow[] {
  return current.filter((r) => {
    if (!phaseIds.includes(r.phaseId)) return true;
    return personaIds.length > 0 && !personaIds.includes(r.personaId);
  });
}

/** The CTA an entry carries: the first one set on any of its rows. */
export const entryCta = (rows: TagRow[]) => rows.find((r) => r.ctaId)?.ctaId ?? null;
