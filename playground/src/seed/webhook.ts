import type { Core } from '@strapi/strapi';

export const DEMO_WEBHOOK_NAME = 'Journey Map demo';

const EVENTS = ['journey-map.gap.opened', 'journey-map.gap.closed', 'journey-map.kpi.off-track', 'journey-map.kpi.on-track', 'journey-map.snapshot.created'];

interface Webhook {
  id: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Omit<Webhook, 'id' | 'isEnabled'>): Promise<Webhook>;
  updateWebhook(id: string, data: Omit<Webhook, 'id'>): Promise<Webhook | null>;
}

/**
 * A webhook in Settings → Webhooks that lists the plugin's events, so the demo shows them (docs/webhooks.md).
 * Harmless: it is disabled, and its address is under `.invalid`, a name that never resolves; point it at
 * your endpoint and enable it to receive the events. Created once (by name).
 */
export async function seedDemoWebhook(strapi: Core.Strapi) {
  const store = strapi.get('webhookStore') as WebhookStore;
  if ((await store.findWebhooks()).some((w) => w.name === DEMO_WEBHOOK_NAME)) return;
  const data = { name: DEMO_WEBHOOK_NAME, url: 'https://webhooks.invalid/journey-map', headers: {}, events: EVENTS };
  const created = await store.createWebhook(data);
  const disabled = await store.updateWebhook(created.id, { ...data, isEnabled: false });
  // The runner loaded the stored webhooks before this seed ran: it learns this one now (disabled, it sends nothing).
  if (disabled) (strapi.get('webhookRunner') as { add(w: Webhook): void }).add(disabled);
}
