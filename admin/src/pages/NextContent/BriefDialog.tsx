import { Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router-dom';
import { DraftPanel } from '../../components/DraftFields';
import { useReturnFocus } from '../../components/useReturnFocus';
import type { BriefEntry, ContentTypeInfo, NextContentItem } from '../../../../shared/contracts';
import type { SiteLocale } from '../../api/content-types';
import { useCreateGapDraftMutation } from '../../api/drafts';
import { useErrorMessage } from '../../api/errors';
import { useGetNextContentBriefQuery } from '../../api/next-content';
import { PLUGIN_ID } from '../../pluginId';
import { editLink } from '../../utils/editLink';
import { getTranslation } from '../../utils/getTranslation';

interface Props {
  journey: { documentId: string; name: string };
  item: NextContentItem;
  locale?: string;
  types: ContentTypeInfo[];
  locales: SiteLocale[];
  onClose: () => void;
}

const Fact = ({ label, children }: { label: string; children: ReactNode }) =>
  children ? (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="h4">
        {label}
      </Typography>
      <Typography tag="p" textColor="neutral800" style={{ whiteSpace: 'pre-line' }}>
        {children}
      </Typography>
    </Box>
  ) : null;

/** The brief of a ranked cell: what to write, for whom, what to link; copied as Markdown or carried into a new draft. */
export const BriefDialog = ({ journey, item, locale, types, locales, onClose }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const returnFocus = useReturnFocus(true);
  const { currentData: brief, isError: failed } = useGetNextContentBriefQuery({
    journey: journey.documentId,
    phase: item.phase.documentId,
    persona: item.persona?.documentId ?? null,
    locale,
  });
  const [createDraft, { isLoading: creating }] = useCreateGapDraftMutation();
  const collectionTypes = types.filter((ty) => ty.kind === 'collectionType');
  const [draftType, setDraftType] = useState(collectionTypes.find((ty) => ty.briefFieldChosen)?.uid ?? collectionTypes[0]?.uid ?? '');
  const [draftLocale, setDraftLocale] = useState(locale ?? locales.find((l) => l.isDefault)?.code ?? '');
  const [draftTitle, setDraftTitle] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const typeInfo = collectionTypes.find((ty) => ty.uid === draftType);
  const who = item.persona?.name ?? t('persona.all', 'All personas');
  const typeName = (uid: string) => types.find((ty) => ty.uid === uid)?.displayName ?? uid;

  const copy = async () => {
    if (!brief) return;
    try {
      await navigator.clipboard.writeText(brief.markdown);
      toggleNotification({ type: 'success', message: t('next.copied', 'The brief was copied as Markdown') });
    } catch {
      toggleNotification({ type: 'danger', message: t('next.copyFailed', 'The brief could not be copied: the browser refused the clipboard') });
    }
  };

  const create = async () => {
    setDraftError(null);
    try {
      const draft = await createDraft({
        contentType: draftType,
        ...(typeInfo?.localized && draftLocale ? { locale: draftLocale } : {}),
        phase: item.phase.documentId,
        persona: item.persona?.documentId ?? null,
        title: draftTitle,
        brief: true,
      }).unwrap();
      navigate(editLink(types, draft));
    } catch (e) {
      setDraftError(errorMessage(e, t('contentMap.draftFailed', 'The draft could not be created')));
    }
  };

  const entries = (list: BriefEntry[], none: string) =>
    list.length ? (
      <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
        {list.map((e) => (
          <li key={`${e.contentType}:${e.documentId}:${e.locale}`}>
            <Link to={editLink(types, e)}>
              <Typography textColor="primary600">{e.title || e.documentId}</Typography>
            </Link>{' '}
            <Typography variant="pi" textColor="neutral600">
              ({[typeName(e.contentType), e.locale, e.status === 'draft' ? t('status.draft', 'draft') : null, e.flags.includes('stale') ? t('flag.stale', 'Stale') : null].filter(Boolean).join(', ')})
            </Typography>
          </li>
        ))}
      </Box>
    ) : (
      <Typography textColor="neutral600">{none}</Typography>
    );

  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content style={{ maxWidth: '90rem', width: '90vw' }} onCloseAutoFocus={returnFocus}>
        <Modal.Header>
          <Modal.Title>{t('next.briefTitle', 'Brief: {cell}', { cell: `${item.phase.name} × ${who}` })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {failed && <Typography textColor="danger600" role="alert">{t('next.briefFailed', 'The brief could not be loaded.')}</Typography>}
          {!failed && !brief && <Loader small>{t('loading', 'Loading…')}</Loader>}
          {brief && (
            <Flex direction="column" alignItems="stretch" gap={5} data-testid="brief">
              {brief.persona && (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="delta" tag="h3">{t('next.brief.persona', 'Persona: {name}', { name: brief.persona.name })}</Typography>
                  <Fact label={t('next.brief.goals', 'Goals')}>{brief.persona.goals}</Fact>
                  <Fact label={t('next.brief.needs', 'Needs')}>{brief.persona.needs}</Fact>
                  <Fact label={t('next.brief.pains', 'Pains')}>{brief.persona.painPoints}</Fact>
                  <Fact label={t('next.brief.channels', 'Channels')}>{brief.persona.channels.join(', ')}</Fact>
                </Flex>
              )}
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="delta" tag="h3">{t('next.brief.phase', 'Phase: {name}', { name: brief.phase.name })}</Typography>
                <Fact label={t('next.brief.customerGoal', 'Customer goal')}>{brief.phase.customerGoal}</Fact>
                <Fact label={t('next.brief.questions', 'Questions')}>{brief.phase.questions}</Fact>
                <Fact label={t('next.brief.thoughts', 'Thoughts')}>{brief.phase.thoughts}</Fact>
                <Fact label={t('next.brief.touchpoints', 'Touchpoints')}>{brief.phase.touchpoints.join(', ')}</Fact>
                <Fact label={t('next.brief.emotion', 'Emotion')}>
                  {[brief.phase.emotionLabel, brief.phase.emotionScore !== null ? `(${brief.phase.emotionScore > 0 ? '+' : ''}${brief.phase.emotionScore})` : null].filter(Boolean).join(' ')}
                </Fact>
              </Flex>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="delta" tag="h3">{t('next.brief.cta', 'Call to action')}</Typography>
                {brief.ctas.length ? (
                  brief.ctas.map((c) => (
                    <Typography key={c.label}>
                      {c.label}
                      {c.kpiTarget !== null && ` — ${t('next.brief.target', 'target {target}', { target: [c.kpiTarget, c.kpiUnit, c.kpiMetric].filter((x) => x !== null).join(' ') })}${c.kpiPeriod ? ` / ${c.kpiPeriod}` : ''}`}
                    </Typography>
                  ))
                ) : (
                  <Typography textColor="neutral600">{t('next.brief.noCta', 'This phase has no call to action yet.')}</Typography>
                )}
              </Flex>
              {brief.linkFrom.phase && (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="delta" tag="h3">{t('next.brief.linkFrom', 'Link from ({phase})', { phase: brief.linkFrom.phase.name })}</Typography>
                  {entries(brief.linkFrom.entries, t('next.brief.noneBefore', 'No entries in the previous phase yet.'))}
                </Flex>
              )}
              {brief.linkTo.phase && (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="delta" tag="h3">{t('next.brief.linkTo', 'Link to ({phase})', { phase: brief.linkTo.phase.name })}</Typography>
                  {entries(brief.linkTo.entries, t('next.brief.noneAfter', 'No entries in the next phase yet.'))}
                </Flex>
              )}
              {brief.refresh.length > 0 && (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="delta" tag="h3">{t('next.brief.refresh', 'Refresh instead of writing new')}</Typography>
                  {entries(brief.refresh, '')}
                </Flex>
              )}

              <DraftPanel
                heading={t('next.createDraft', 'Create a draft with this brief')}
                hint={
                  typeInfo?.briefFieldChosen
                    ? t('next.createDraftHint', 'A new draft, tagged with {phase} and {persona}, with this brief in its “{field}” field, opens in the Content Manager.', { phase: item.phase.name, persona: who, field: typeInfo.briefFieldChosen })
                    : t('next.noBriefField', 'Choose the field that receives briefs for this type on the Content types page first.')
                }
                error={draftError}
                name="briefDraft"
                types={collectionTypes}
                locales={locales}
                type={draftType}
                onType={setDraftType}
                locale={draftLocale}
                onLocale={setDraftLocale}
                title={draftTitle}
                onTitle={setDraftTitle}
                onCreate={create}
                creating={creating}
                disabled={!typeInfo?.briefFieldChosen}
                action={t('next.createDraftAction', 'Create draft')}
              >
                {!typeInfo?.briefFieldChosen && (
                  <Link to={`/plugins/${PLUGIN_ID}/content-types`}>
                    <Typography textColor="primary600">{t('nav.contentTypes', 'Content types')}</Typography>
                  </Link>
                )}
              </DraftPanel>
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('next.close', 'Close')}</Button>
          </Modal.Close>
          <Button variant="secondary" startIcon={<Duplicate />} onClick={copy} disabled={!brief}>
            {t('next.copy', 'Copy as Markdown')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
