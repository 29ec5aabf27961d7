import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

interface ContentTypeRow {
  uid: string;
  displayName: string;
  tracked: boolean;
  entries: number;
}

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; rows: ContentTypeRow[] };

const ContentTypesPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    get<{ data: ContentTypeRow[] }>(`/${PLUGIN_ID}/content-types`)
      .then(({ data }) => setState({ status: 'ready', rows: data.data }))
      .catch(() => setState({ status: 'error' }));
  }, [get]);

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
            <Table colCount={3} rowCount={state.rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.type'), defaultMessage: 'Type' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.entries'), defaultMessage: 'Entries' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.tracking'), defaultMessage: 'Tracking' })}</Typography></Th>
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
