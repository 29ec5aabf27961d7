import { Box, Button, Checkbox, Field, Flex, Grid, NumberInput, Toggle, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';
import { MeasureSettings, type MeasureSettingsValues } from '../components/MeasureSettings';
import { trackedTypes } from '../hooks/useTracked';

interface Settings extends MeasureSettingsValues {
  trackedContentTypes: string[];
  minPerCell: number;
  maxPerCell: number | null;
  staleAfterDays: number;
  includeDrafts: boolean;
  dailySnapshot?: boolean;
  /** Changes with every save; sent back so that a save over someone else's newer one is refused (409). */
  version: number;
}
interface ContentTypeRow {
  uid: string;
  displayName: string;
  kind: 'collectionType' | 'singleType';
  entries: number;
}

/**
 * The body of a save: only the fields changed on this page (so a save never writes back values someone
 * else changed meanwhile), with the version the page loaded (so the server refuses it with a 409 if
 * anything changed since).
 */
const changedFields = (before: Settings, after: Settings) => {
  const body: Record<string, unknown> = { version: before.version };
  for (const [key, value] of Object.entries(after)) {
    if (key === 'version' || key === 'ingestionKeySet') continue;
    if (JSON.stringify(value) !== JSON.stringify((before as unknown as Record<string, unknown>)[key])) body[key] = value;
  }
  return body;
};

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; types: ContentTypeRow[] };

/** Settings → Journey Map: tracked content types, thresholds, stale days, whether drafts count. */
const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [form, setForm] = useState<Settings | null>(null);
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    Promise.all([get<{ data: Settings }>(`/${PLUGIN_ID}/settings`), get<{ data: ContentTypeRow[] }>(`/${PLUGIN_ID}/content-types`)])
      .then(([settings, types]) => {
        setForm(settings.data.data);
        setLoaded(settings.data.data);
        setState({ status: 'ready', types: types.data.data });
      })
      .catch(() => setState({ status: 'error' }));
  }, [get]);

  if (state.status === 'loading') return <Page.Loading />;
  if (state.status === 'error' || !form) return <Page.Error />;

  const update = (patch: Partial<Settings>) => setForm({ ...form, ...patch });
  const toggleType = (uid: string, checked: boolean) =>
    update({
      trackedContentTypes: checked ? [...form.trackedContentTypes, uid] : form.trackedContentTypes.filter((u) => u !== uid),
    });

  const save = async () => {
    setSaving(true);
    try {
      const { data } = await put<{ data: Settings }>(`/${PLUGIN_ID}/settings`, changedFields(loaded ?? form, form));
      setForm(data.data);
      setLoaded(data.data);
      trackedTypes.set(data.data.trackedContentTypes); // the list column and the panel follow at once
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (error: any) {
      const message =
        error?.response?.status === 409
          ? t('settings.conflict', 'Someone changed these settings since you opened them. Reload the page to see their changes, then make yours again.')
          : (error?.response?.data?.error?.message ?? t('settings.saveFailed', 'The settings could not be saved'));
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(false);
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
            <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">
                  {t('settings.tracked.title', 'Tracked content types')}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t('settings.tracked.hint', 'Entries of tracked types can be tagged and count in the coverage and the audit. Untracking a type keeps its tags.')}
                </Typography>
                {state.types.length === 0 ? (
                  <Typography>{t('settings.tracked.empty', 'This site has no content types of its own yet.')}</Typography>
                ) : (
                  <Grid.Root gap={4}>
                    {state.types.map((type) => (
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
              </Flex>
            </Box>
            <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">
                  {t('settings.rules.title', 'Coverage rules')}
                </Typography>
                <Grid.Root gap={4}>
                  <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="minPerCell" hint={t('settings.min.hint', 'Fewer entries than this in a phase × persona cell makes it "thin". Phases can override it.')}>
                      <Field.Label>{t('settings.min', 'Minimum entries per cell')}</Field.Label>
                      <NumberInput value={form.minPerCell} onValueChange={(v) => update({ minPerCell: v ?? 0 })} />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="maxPerCell" hint={t('settings.max.hint', 'More entries than this makes a cell "excess". Leave empty for no maximum.')}>
                      <Field.Label>{t('settings.max', 'Maximum entries per cell')}</Field.Label>
                      <NumberInput value={form.maxPerCell ?? undefined} onValueChange={(v) => update({ maxPerCell: v ?? null })} />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="staleAfterDays" hint={t('settings.stale.hint', 'Entries not updated for this many days are stale and stop counting.')}>
                      <Field.Label>{t('settings.stale', 'Stale after (days)')}</Field.Label>
                      <NumberInput value={form.staleAfterDays} onValueChange={(v) => update({ staleAfterDays: v ?? 365 })} />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="includeDrafts" hint={t('settings.drafts.hint', 'By default only entries with a published version count.')}>
                      <Field.Label>{t('settings.drafts', 'Drafts count as coverage')}</Field.Label>
                      <Toggle
                        checked={form.includeDrafts}
                        onLabel={t('settings.yes', 'Yes')}
                        offLabel={t('settings.no', 'No')}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ includeDrafts: e.target.checked })}
                      />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                </Grid.Root>
              </Flex>
            </Box>
            <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">
                  {t('settings.snapshots.title', 'Snapshots')}
                </Typography>
                <Field.Root name="dailySnapshot" hint={t('settings.daily.hint', 'Every day, store a snapshot of each journey\'s coverage and audit counts (one per journey per day, also with several Strapi instances). Needs cron enabled in config/server.')}>
                  <Field.Label>{t('settings.daily', 'Take a daily snapshot')}</Field.Label>
                  <Toggle
                    checked={Boolean(form.dailySnapshot)}
                    onLabel={t('settings.yes', 'Yes')}
                    offLabel={t('settings.no', 'No')}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ dailySnapshot: e.target.checked })}
                  />
                  <Field.Hint />
                </Field.Root>
              </Flex>
            </Box>
            <MeasureSettings form={form} update={update} />
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
};

export default SettingsPage;
