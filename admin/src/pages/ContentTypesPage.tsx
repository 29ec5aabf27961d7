import { Badge, Box, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

interface ContentTypeRow {
  uid: string;
  displayName: string;
  tracked: boolean;
  entries: number;
  /** the field that titles the entries now */
  mainField: string;
  titleFieldChoices: string[];
  titleFieldChosen: string | null;
  titleFieldAutomatic: string;
}

/** The select's value for "let the plugin choose" (a field name cannot be empty). */
const AUTOMATIC = '';

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; rows: ContentTypeRow[] };

const ContentTypesPage = () => {
  const { formatMessage } = useIntl();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [saving, setSaving] = useState<string | null>(null);

  const load = () =>
    get<{ data: ContentTypeRow[] }>(`/${PLUGIN_ID}/content-types`)
      .then(({ data }) => setState({ status: 'ready', rows: data.data }))
      .catch(() => setState({ status: 'error' }));

  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get]);

  /** Saves only this type's title field (the server copies the titles again), then reloads the list. */
  const chooseTitleField = async (uid: string, field: string) => {
    setSaving(uid);
    try {
      // titleFields is written whole: send every type's current choice with this one changed.
      const rows = state.status === 'ready' ? state.rows : [];
      const titleFields = Object.fromEntries(rows.filter((r) => r.titleFieldChosen).map((r) => [r.uid, r.titleFieldChosen]));
      if (field === AUTOMATIC) delete titleFields[uid];
      else titleFields[uid] = field;
      await put(`/${PLUGIN_ID}/settings`, { titleFields });
      await load();
      toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('contentTypes.titleSaved'), defaultMessage: 'Title field saved' }) });
    } catch (error: any) {
      const message = error?.response?.data?.error?.message ?? formatMessage({ id: getTranslation('settings.saveFailed'), defaultMessage: 'The settings could not be saved' });
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(null);
    }
  };

  if (state.status === 'loading') return <Page.Loading />;
  if (state.status === 'error') return <Page.Error />;

  return (
    <>
      <Page.Title>{formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Journey Map' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: getTranslation('nav.contentTypes'), defaultMessage: 'Content types' })}
        subtitle={formatMessage({
          id: getTranslation('home.subtitle'),
          defaultMessage: 'Your customer journey, tied to the content that serves each phase.',
        })}
      />
      <Layouts.Content>
        <Box background="neutral0" shadow="filterShadow" hasRadius padding={6}>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="delta" tag="h2">
              {formatMessage({ id: getTranslation('home.contentTypes'), defaultMessage: 'Content types' })}
            </Typography>
            <Table colCount={4} rowCount={state.rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.type'), defaultMessage: 'Type' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.entries'), defaultMessage: 'Entries' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.tracking'), defaultMessage: 'Tracking' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('contentTypes.titleField'), defaultMessage: 'Title field' })}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {state.rows.map((row) => (
                  <Tr key={row.uid}>
                    <Td><Typography>{row.displayName}</Typography></Td>
                    <Td><Typography>{row.entries}</Typography></Td>
                    <Td>
                      <Badge active={row.tracked}>
                        {row.tracked
                          ? formatMessage({ id: getTranslation('home.tracked'), defaultMessage: 'Tracked' })
                          : formatMessage({ id: getTranslation('home.notTracked'), defaultMessage: 'Not tracked' })}
                      </Badge>
                    </Td>
                    <Td>
                      {row.tracked && row.titleFieldChoices.length ? (
                        <SingleSelect
                          size="S"
                          aria-label={formatMessage({ id: getTranslation('contentTypes.titleFieldOf'), defaultMessage: 'Title field of {type}' }, { type: row.displayName })}
                          value={row.titleFieldChosen ?? AUTOMATIC}
                          disabled={saving === row.uid}
                          onChange={(value: string | number) => chooseTitleField(row.uid, String(value))}
                        >
                          <SingleSelectOption value={AUTOMATIC}>
                            {formatMessage({ id: getTranslation('contentTypes.titleAutomatic'), defaultMessage: 'Automatic ({field})' }, { field: row.titleFieldAutomatic })}
                          </SingleSelectOption>
                          {row.titleFieldChoices.map((field) => (
                            <SingleSelectOption key={field} value={field}>{field}</SingleSelectOption>
                          ))}
                        </SingleSelect>
                      ) : (
                        <Typography textColor="neutral600">{row.mainField}</Typography>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Flex>
        </Box>
      </Layouts.Content>
    </>
  );
};

export default ContentTypesPage;
