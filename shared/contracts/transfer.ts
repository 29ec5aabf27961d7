import { z } from 'zod';
import { phaseFields, personaCreate, ctaCreate } from './journeys';
import { shortText, slug, text } from './common';

export const TRANSFER_FORMAT = 'journey-map/journey@1';

/**
 * A journey model as a portable file: no database ids; phases, personas and CTAs refer to each other by slug,
 * so a file exported from one site imports into another.
 */
const portablePersona = personaCreate.omit({ journeys: true }).extend({ slug }).strict();
const portableCta = ctaCreate.omit({ phase: true, persona: true }).extend({ persona: slug.nullish() }).strict();
const portablePhase = phaseFields.extend({ slug, ctas: z.array(portableCta).max(20).default([]) }).strict();

export const journeyFile = z
  .object({
    format: z.literal(TRANSFER_FORMAT),
    journey: z
      .object({
        name: shortText(120).min(1),
        slug,
        description: text(10000).nullish(),
        product: shortText(200).nullish(),
      })
      .strict(),
    personas: z.array(portablePersona).max(50).default([]),
    phases: z.array(portablePhase).min(1).max(100),
    excludedCells: z.array(z.object({ phase: slug, persona: slug }).strict()).max(2500).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const unique = (values: string[], path: (string | number)[], what: string) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i, 'slug'], message: `duplicate ${what} slug "${v}"` });
        seen.add(v);
      });
    };
    unique(file.phases.map((p) => p.slug), ['phases'], 'phase');
    unique(file.personas.map((p) => p.slug), ['personas'], 'persona');
    const personas = new Set(file.personas.map((p) => p.slug));
    const phases = new Set(file.phases.map((p) => p.slug));
    file.phases.forEach((phase, i) =>
      phase.ctas.forEach((cta, j) => {
        if (cta.persona && !personas.has(cta.persona)) {
          ctx.addIssue({ code: 'custom', path: ['phases', i, 'ctas', j, 'persona'], message: `unknown persona "${cta.persona}"` });
        }
      })
    );
    file.excludedCells.forEach((cell, i) => {
      if (!phases.has(cell.phase)) ctx.addIssue({ code: 'custom', path: ['excludedCells', i, 'phase'], message: `unknown phase "${cell.phase}"` });
      if (!personas.has(cell.persona)) ctx.addIssue({ code: 'custom', path: ['excludedCells', i, 'persona'], message: `unknown persona "${cell.persona}"` });
    });
  });

export type JourneyFile = z.infer<typeof journeyFile>;
