import type { Preset } from '../../shared/contracts/journeys';

/** Phase models a journey can start from (the customer lifecycle and common marketing funnels), each with funnel bands. */
export const PRESETS: Preset[] = [
  {
    id: 'default',
    name: 'Customer lifecycle (six phases)',
    description: 'Awareness, Consideration, Decision, Purchase, Retention, Advocacy',
    phases: [
      { name: 'Awareness', funnelBand: 'top', customerGoal: 'Understand that they have a need or a problem' },
      { name: 'Consideration', funnelBand: 'middle', customerGoal: 'Compare the ways to solve it' },
      { name: 'Decision', funnelBand: 'bottom', customerGoal: 'Choose a solution and a provider' },
      { name: 'Purchase', funnelBand: 'bottom', customerGoal: 'Buy without friction' },
      { name: 'Retention', funnelBand: 'post-purchase', customerGoal: 'Get value from what they bought' },
      { name: 'Advocacy', funnelBand: 'post-purchase', customerGoal: 'Recommend it to others' },
    ],
  },
  {
    id: 'aidma',
    name: 'AIDMA',
    description: 'Attention, Interest, Desire, Memory, Action',
    phases: [
      { name: 'Attention', funnelBand: 'top' },
      { name: 'Interest', funnelBand: 'top' },
      { name: 'Desire', funnelBand: 'middle' },
      { name: 'Memory', funnelBand: 'middle' },
      { name: 'Action', funnelBand: 'bottom' },
    ],
  },
  {
    id: 'aisas',
    name: 'AISAS',
    description: 'Attention, Interest, Search, Action, Share',
    phases: [
      { name: 'Attention', funnelBand: 'top' },
      { name: 'Interest', funnelBand: 'top' },
      { name: 'Search', funnelBand: 'middle' },
      { name: 'Action', funnelBand: 'bottom' },
      { name: 'Share', funnelBand: 'post-purchase' },
    ],
  },
  {
    id: '5a',
    name: '5A (Kotler)',
    description: 'Aware, Appeal, Ask, Act, Advocate',
    phases: [
      { name: 'Aware', funnelBand: 'top' },
      { name: 'Appeal', funnelBand: 'top' },
      { name: 'Ask', funnelBand: 'middle' },
      { name: 'Act', funnelBand: 'bottom' },
      { name: 'Advocate', funnelBand: 'post-purchase' },
    ],
  },
  {
    id: 'see-think-do-care',
    name: 'See-Think-Do-Care',
    description: 'See, Think, Do, Care',
    phases: [
      { name: 'See', funnelBand: 'top', customerGoal: 'No commercial intent yet' },
      { name: 'Think', funnelBand: 'middle', customerGoal: 'Some commercial intent' },
      { name: 'Do', funnelBand: 'bottom', customerGoal: 'Ready to act' },
      { name: 'Care', funnelBand: 'post-purchase', customerGoal: 'Existing customers' },
    ],
  },
  {
    id: 'tofu-mofu-bofu',
    name: 'TOFU / MOFU / BOFU',
    description: 'Top, middle and bottom of the funnel',
    phases: [
      { name: 'Top of funnel', funnelBand: 'top' },
      { name: 'Middle of funnel', funnelBand: 'middle' },
      { name: 'Bottom of funnel', funnelBand: 'bottom' },
    ],
  },
];

/** The ids `POST /journeys/from-preset` accepts (the schema's enum needs at least one). */
export const PRESET_IDS = PRESETS.map((p) => p.id) as [string, ...string[]];

/** A slug for a name (at most `max` characters, never starting or ending with a dash). */
export const slugify = (text: string, max = 110) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '') || 'item';
