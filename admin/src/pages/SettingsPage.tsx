import { Button, Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { NextContentWeights, VersionedSettings } from '../../../shared/contracts';
import { useGetTrackableTypesQuery } from '../api/content-types';
import { serverError, useErrorMessage } from '../api/errors';
import { useGetJourneyMapSettingsQuery, useUpdateJourneyMapSettingsMutation, type SettingsChange } from '../api/settings';
import { MeasureSettings } from '../components/MeasureSettings';
import { SuggestionSettings } from '../components/SuggestionSettings';
import { UrlPatternSettings } from '../components/UrlPatternSettings';
import { NumberSetting, SettingsSection, ToggleSetting } from '../components/SettingsFields';
import { getTranslation } from '../utils/getTranslation';

const DEFAULT_WEIGHTS: NextContentWeights = { persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 };
/** The weights of "What to write next": key, message id, label, hint. */
const WEIGHTS: Array<[keyof NextContentWeights, string, string, string]> = [
  ['persona', 'settings.next.persona', 'Persona priority', 'Cells of higher-priority personas rank higher.'],
  ['cta', 'settings.next.cta', 'CTA behind target', 'Phases whose CTA is behind its KPI target, or that have no CTA, rank higher.'],
  ['emotion', 'settings.next.emotion', 'Emotion low points', 'Phases low on the emotion curve rank higher.'],
  ['dropOff', 'settings.next.dropOff', 'Measured drop-off', 'Phases where many sessions stop rank higher (when the site measures paths).'],
  ['gapAge', 'settings.next.gapAge', 'Age of the gap', 'Cells that have been gaps for longer rank higher (from the daily snapshots).'],
];

/** The form: the settings as loaded, and a new ingestion key when one is typed. */
type Form = VersionedSettings & { ingestionKey?: string | null };

/**
 * The body of a save: only the fields changed on this page (so a save never writes back values someone
 * else changed meanwhile), with the version the page loaded (so the server refuses it with a 409 if
 * anything changed since).
 */
const changedFields = (before: Form, after: Form): SettingsChange => {
  const body: Record<string, unknown> = { version: before.version };
  for (const [key, value] of Object.entries(after)) {
    if (key === 'version' || key === 'ingestionKeySet') continue;
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) body[key] = value;
  }
  return body as SettingsChange;
};

/** Settings → Journey Map: tracked content types, thresholds, stale days, whether drafts count. */
const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const settings = useGetJourneyMapSettingsQuery();
  const contentTypes = useGetTrackableTypesQuery();
  const [updateSettings, { isLoading: saving }] = useUpdateJourneyMapSettingsMutation();
  const [form, setForm] = useState<Form | null>(null);
  const [loaded, setLoaded] = useState<Form | null>(null);

  // The form starts from the settings as first loaded; after a save, from what the server stored.
  useEffect(() => {
    if (settings.data && !loaded) {
      setForm(settings.data);
      setLoaded(settings.data);
    }
  }, [settings.data, loaded]);

  if (settings.isError || contentTypes.isError) return <Page.Error />;
  if (!form || !contentTypes.data) return <Page.Loading />;
  const types = contentTypes.data;

  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const weights = form.nextContentWeights ?? DEFAULT_WEIGHTS;
  const toggleType = (uid: string, checked: boolean) =>
    update({
      trackedContentTypes: checked ? [...form.trackedContentTypes, uid] : form.trackedContentTypes.filter((u) => u !== uid),
    });

  // The list column and the panel follow the tracked types at once (api/settings).
  const save = async () => {
    try {
      const stored = await updateSettings(changedFields(loaded ?? form, form)).unwrap();
      setForm(stored);
      setLoaded(stored);
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (error) {
      const message =
        serverError(error)?.status === 409
          ? t('settings.conflict', 'Someone changed these settings since you opened them. Reload the page to see their changes, then make yours again.')
          : errorMessage(error, t('settings.saveFailed', 'The settings could not be saved'));
      toggleNotification({ type: 'danger', message });
    }
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('settings.title', 'Journey Map settings')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('settings.title', 'Journey Map settings')}
          subtitle={t('settings.subtitle', 'Choose the content Journey Map tracks and what counts as enough content.')}
          primaryAction={
            <Button startIcon={<Check />} onClick={save} loading={saving}>
              {t('settings.save', 'Save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <SettingsSection
              title={t('settings.tracked.title', 'Tracked content types')}
              hint={t('settings.tracked.hint', 'Entries of tracked types can be tagged and count in the coverage and the audit. Untracking a type keeps its tags.')}
            >
              {types.length === 0 ? (
                <Typography>{t('settings.tracked.empty', 'This site has no content types of its own yet.')}</Typography>
              ) : (
                <Grid.Root gap={4}>
                  {types.map((type) => (
                    <Grid.Item key={type.uid} col={4} s={6} xs={12}>
                      <Checkbox
                        name={`tracked-${type.uid}`}
                        checked={form.trackedContentTypes.includes(type.uid)}
                        onCheckedChange={(checked) => toggleType(type.uid, checked === true)}
                      >
                        {t('settings.tracked.type', '{name} ({count, plural, one {# entry} other {# entries}})', { name: type.displayName, count: type.entries })}
                      </Checkbox>
                    </Grid.Item>
                  ))}
                </Grid.Root>
              )}
            </SettingsSection>
            <SettingsSection title={t('settings.rules.title', 'Coverage rules')}>
              <Grid.Root gap={4}>
                <NumberSetting
                  name="minPerCell"
                  label={t('settings.min', 'Minimum entries per cell')}
                  hint={t('settings.min.hint', 'Fewer entries than this in a phase × persona cell makes it "thin". Phases can override it.')}
                  value={form.minPerCell}
                  empty={0}
                  onChange={(minPerCell) => update({ minPerCell })}
                />
                <NumberSetting
                  name="maxPerCell"
                  label={t('settings.max', 'Maximum entries per cell')}
                  hint={t('settings.max.hint', 'More entries than this makes a cell "excess". Leave empty for no maximum.')}
                  value={form.maxPerCell}
                  empty={null}
                  onChange={(maxPerCell) => update({ maxPerCell })}
                />
                <NumberSetting
                  name="staleAfterDays"
                  label={t('settings.stale', 'Stale after (days)')}
                  hint={t('settings.stale.hint', 'Entries not updated for this many days are stale and stop counting.')}
                  value={form.staleAfterDays}
                  empty={365}
                  onChange={(staleAfterDays) => update({ staleAfterDays })}
                />
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <ToggleSetting
                    name="includeDrafts"
                    label={t('settings.drafts', 'Drafts count as coverage')}
                    hint={t('settings.drafts.hint', 'By default only entries with a published version count.')}
                    checked={form.includeDrafts}
                    onChange={(includeDrafts) => update({ includeDrafts })}
                  />
                </Grid.Item>
              </Grid.Root>
            </SettingsSection>
            <SettingsSection title={t('settings.snapshots.title', 'Snapshots')}>
              <ToggleSetting
                name="dailySnapshot"
                label={t('settings.daily', 'Take a daily snapshot')}
                hint={t('settings.daily.hint', "Every day, store a snapshot of each journey's coverage and audit counts (one per journey per day, also with several Strapi instances). Needs cron enabled in config/server.")}
                checked={Boolean(form.dailySnapshot)}
                onChange={(dailySnapshot) => update({ dailySnapshot })}
              />
            </SettingsSection>
            <MeasureSettings form={form} update={update} />
            <UrlPatternSettings form={form} types={types} update={update} />
            <SuggestionSettings form={form} update={update} />
            <SettingsSection
              title={t('settings.next.title', 'What to write next')}
              hint={t('settings.next.hint', 'How much each reason weighs when the gaps are ranked, from 0 (left out) to 10.')}
            >
              <Grid.Root gap={4}>
                {WEIGHTS.map(([key, id, label, hint]) => (
                  <NumberSetting
                    key={key}
                    name={`nextContentWeights.${key}`}
                    label={t(id, label)}
                    hint={t(`${id}.hint`, hint)}
                    value={weights[key]}
                    empty={0}
                    onChange={(value) => update({ nextContentWeights: { ...weights, [key]: value } })}
                  />
                ))}
              </Grid.Root>
            </SettingsSection>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
};

export default SettingsPage;
