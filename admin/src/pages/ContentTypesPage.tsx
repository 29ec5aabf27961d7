import { Badge, Box, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useGetTrackableTypesQuery } from '../api/content-types';
import { useErrorMessage } from '../api/errors';
import { useUpdateJourneyMapSettingsMutation } from '../api/settings';
import { getTranslation } from '../utils/getTranslation';
import type { PublishCheck } from '../../../shared/contracts/content-types';

/** The select's value for "let the plugin choose" (a field name cannot be empty). */
const AUTOMATIC = '';

const ContentTypesPage = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { data: rows, isError } = useGetTrackableTypesQuery();
  const [updateSettings] = useUpdateJourneyMapSettingsMutation();
  // The choice being saved shows (and its select stays disabled) until the list has been asked for again.
  const [pending, setPending] = useState<{ uid: string; field: string } | null>(null);
  const [pendingCheck, setPendingCheck] = useState<{ uid: string; check: PublishCheck } | null>(null);
  useEffect(() => {
    setPending(null);
    setPendingCheck(null);
  }, [rows]);
  const checkLabels: Record<PublishCheck, string> = {
    off: formatMessage({ id: getTranslation('contentTypes.publishCheck.off'), defaultMessage: 'Off' }),
    warn: formatMessage({ id: getTranslation('contentTypes.publishCheck.warn'), defaultMessage: 'Warn in the Journey panel' }),
    require: formatMessage({ id: getTranslation('contentTypes.publishCheck.require'), defaultMessage: 'Require a phase to publish' }),
  };

  /** Saves this type's publish check (the other types' checks are sent as they are). */
  const choosePublishCheck = async (uid: string, check: PublishCheck) => {
    setPendingCheck({ uid, check });
    try {
      const publishChecks: Record<string, PublishCheck> = Object.fromEntries((rows ?? []).filter((r) => r.publishCheck !== 'off').map((r) => [r.uid, r.publishCheck]));
      if (check === 'off') delete publishChecks[uid];
      else publishChecks[uid] = check;
      await updateSettings({ publishChecks }).unwrap();
      toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('contentTypes.publishCheckSaved'), defaultMessage: 'Publish check saved' }) });
    } catch (error) {
      setPendingCheck(null);
      toggleNotification({ type: 'danger', message: errorMessage(error, formatMessage({ id: getTranslation('settings.saveFailed'), defaultMessage: 'The settings could not be saved' })) });
    }
  };

  /** Saves only this type's title field (the server copies the titles again); the list follows the save. */
  const chooseTitleField = async (uid: string, field: string) => {
    setPending({ uid, field });
    try {
      // titleFields is written whole: send every type's current choice with this one changed.
      const titleFields: Record<string, string | null> = Object.fromEntries((rows ?? []).filter((r) => r.titleFieldChosen).map((r) => [r.uid, r.titleFieldChosen]));
      if (field === AUTOMATIC) delete titleFields[uid];
      else titleFields[uid] = field;
      await updateSettings({ titleFields }).unwrap();
      toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('contentTypes.titleSaved'), defaultMessage: 'Title field saved' }) });
    } catch (error) {
      setPending(null);
      toggleNotification({ type: 'danger', message: errorMessage(error, formatMessage({ id: getTranslation('settings.saveFailed'), defaultMessage: 'The settings could not be saved' })) });
    }
  };

  /** Saves only this type's brief field (briefFields is written whole, as titleFields). */
  const chooseBriefField = async (uid: string, field: string) => {
    setPending({ uid: `brief:${uid}`, field });
    try {
      const briefFields: Record<string, string | null> = Object.fromEntries((rows ?? []).filter((r) => r.briefFieldChosen).map((r) => [r.uid, r.briefFieldChosen]));
      if (field === AUTOMATIC) delete briefFields[uid];
      else briefFields[uid] = field;
      await updateSettings({ briefFields }).unwrap();
      toggleNotification({ type: 'success', message: formatMessage({ id: getTranslation('contentTypes.briefSaved'), defaultMessage: 'Brief field saved' }) });
    } catch (error) {
      setPending(null);
      toggleNotification({ type: 'danger', message: errorMessage(error, formatMessage({ id: getTranslation('settings.saveFailed'), defaultMessage: 'The settings could not be saved' })) });
    }
  };

  if (isError) return <Page.Error />;
  if (!rows) return <Page.Loading />;

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
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({
                id: getTranslation('contentTypes.publishCheck.hint'),
                defaultMessage: 'Publish check: what publishing an entry without a journey phase meets. "Warn" shows a note in the Journey panel of the edit view; "Require" refuses the publish (Content Manager, bulk publish and the API) until the entry has a phase in the locale it publishes.',
              })}
            </Typography>
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.type'), defaultMessage: 'Type' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.entries'), defaultMessage: 'Entries' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('home.tracking'), defaultMessage: 'Tracking' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('contentTypes.titleField'), defaultMessage: 'Title field' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('contentTypes.publishCheck'), defaultMessage: 'Publish check' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: getTranslation('contentTypes.briefField'), defaultMessage: 'Brief field' })}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => (
                  <Tr key={row.uid}>
                    <Td><Typography>{row.displayName}</Typography></Td>
                    <Td><Typography>{row.entries}</Typography></Td>
                    <Td>
                      {/* The design system's active badge (primary600 on primary200) is 4.25:1; these colours pass AA. */}
                      <Badge {...(row.tracked ? { backgroundColor: 'success100', textColor: 'success700' } : {})}>
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
                          value={pending?.uid === row.uid ? pending.field : (row.titleFieldChosen ?? AUTOMATIC)}
                          disabled={pending?.uid === row.uid}
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
                    <Td>
                      {row.tracked && row.draftAndPublish ? (
                        <SingleSelect
                          size="S"
                          aria-label={formatMessage({ id: getTranslation('contentTypes.publishCheckOf'), defaultMessage: 'Publish check of {type}' }, { type: row.displayName })}
                          value={pendingCheck?.uid === row.uid ? pendingCheck.check : row.publishCheck}
                          disabled={pendingCheck?.uid === row.uid}
                          onChange={(value: string | number) => choosePublishCheck(row.uid, String(value) as PublishCheck)}
                        >
                          {(Object.keys(checkLabels) as PublishCheck[]).map((check) => (
                            <SingleSelectOption key={check} value={check}>{checkLabels[check]}</SingleSelectOption>
                          ))}
                        </SingleSelect>
                      ) : (
                        <Typography textColor="neutral600">{row.tracked ? formatMessage({ id: getTranslation('contentTypes.publishCheck.none'), defaultMessage: 'No draft & publish' }) : '–'}</Typography>
                      )}
                    </Td>
                    <Td>
                      {row.tracked && row.kind === 'collectionType' && row.briefFieldChoices.length ? (
                        <SingleSelect
                          size="S"
                          aria-label={formatMessage({ id: getTranslation('contentTypes.briefFieldOf'), defaultMessage: 'Brief field of {type}' }, { type: row.displayName })}
                          value={pending?.uid === `brief:${row.uid}` ? pending.field : (row.briefFieldChosen ?? AUTOMATIC)}
                          disabled={pending?.uid === `brief:${row.uid}`}
                          onChange={(value: string | number) => chooseBriefField(row.uid, String(value))}
                        >
                          <SingleSelectOption value={AUTOMATIC}>
                            {formatMessage({ id: getTranslation('contentTypes.briefNone'), defaultMessage: 'None' })}
                          </SingleSelectOption>
                          {row.briefFieldChoices.map((field) => (
                            <SingleSelectOption key={field} value={field}>{field}</SingleSelectOption>
                          ))}
                        </SingleSelect>
                      ) : (
                        <Typography textColor="neutral600">—</Typography>
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
