import { Button, Dialog, Field, Flex, Radio, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { DeleteChoice } from '../../api/journeys';
import { getTranslation } from '../../utils/getTranslation';
import { useReturnFocus } from '../../components/useReturnFocus';

export interface DeleteTarget {
  kind: 'phase' | 'persona' | 'cta' | 'journey';
  documentId: string;
  name: string;
  /** Where this phase's or persona's tags may be moved (same journey). */
  alternatives: Array<{ documentId: string; name: string }>;
}

interface Props {
  target: DeleteTarget | null;
  onClose: () => void;
  /**
   * Deletes with the chosen way to handle its tags (none first). Resolves to the number of tags blocking
   * the delete when the server answers 409, else to null once deleted.
   */
  onDelete: (target: DeleteTarget, choice: DeleteChoice) => Promise<number | null>;
}

/**
 * Deleting a phase or persona that has tags needs a decision, as the API requires: move its tags to
 * another phase/persona of the journey, or remove them. The dialog asks only when the server says so.
 */
export const DeleteDialog = ({ target, onClose, onDelete }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const [blocking, setBlocking] = useState<number | null>(null);
  const [choice, setChoice] = useState<'reassign' | 'remove'>('reassign');
  const [to, setTo] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const returnFocus = useReturnFocus(Boolean(target));

  useEffect(() => {
    setBlocking(null);
    setChoice(target?.alternatives.length ? 'reassign' : 'remove');
    setTo(target?.alternatives[0]?.documentId ?? '');
  }, [target]);

  if (!target) return null;
  const confirm = async () => {
    setBusy(true);
    try {
      const decided: DeleteChoice = blocking === null ? {} : choice === 'reassign' && to ? { reassignTo: to } : { removeAssignments: true };
      const left = await onDelete(target, decided);
      if (left === null) onClose();
      else setBlocking(left);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content onCloseAutoFocus={returnFocus}>
        <Dialog.Header>{t('delete.title', 'Delete {name}?', { name: target.name })}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Flex direction="column" alignItems="stretch" gap={3}>
            {blocking === null ? (
              <Typography>{t(`delete.confirm.${target.kind}`, 'This cannot be undone.')}</Typography>
            ) : (
              <>
                <Typography>
                  {t('delete.blocking', '{count, plural, one {# entry is} other {# entries are}} tagged with {name}. What should happen to these tags?', { count: blocking, name: target.name })}
                </Typography>
                <Radio.Group value={choice} onValueChange={(v: string) => setChoice(v as 'reassign' | 'remove')} aria-label={t('delete.choice', 'What to do with the tags')}>
                  {target.alternatives.length > 0 && <Radio.Item value="reassign">{t('delete.reassign', 'Move them to')}</Radio.Item>}
                  <Radio.Item value="remove">{t('delete.remove', 'Remove them')}</Radio.Item>
                </Radio.Group>
                {choice === 'reassign' && target.alternatives.length > 0 && (
                  <Field.Root name="reassignTo">
                    <Field.Label>{t('delete.reassignTo', 'Move the tags to')}</Field.Label>
                    <SingleSelect value={to} onChange={(v: string | number) => setTo(String(v))}>
                      {target.alternatives.map((a) => (
                        <SingleSelectOption key={a.documentId} value={a.documentId}>
                          {a.name}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                )}
              </>
            )}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              {t('form.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Button fullWidth variant="danger-light" onClick={confirm} loading={busy}>
            {t('delete.action', 'Delete')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
