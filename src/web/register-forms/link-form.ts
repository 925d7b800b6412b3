import type { RegisterFormSpec } from './form-spec.ts';
import { textOf, type FormValues } from './form-values.ts';
import { vocabularyOptions } from './form-view.ts';

/** The records a communication can be linked to. */
export const LINK_RECORD_TYPES = ['event', 'person', 'act'] as const;

/**
 * The form that links a communication (by its reference, such as "AL KAZ 1/2022", or a draft's id) to an
 * event, a person or an act of the register: the facts the letter is about.
 */
export const linkForm: RegisterFormSpec = {
  fields: ['communication', 'recordType', 'recordId'],
  empty: { recordType: 'person' },
  needs: [],
  sections: (b) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.text('communication', { required: true, max: 100, ltr: true, hint: true }),
        b.select('recordType', [{ options: vocabularyOptions(b.t, 'recordType', LINK_RECORD_TYPES) }], { required: true }),
        b.text('recordId', { required: true, max: 36, ltr: true, hint: true }),
      ],
    },
  ],
  fieldOf: (path) => (path === 'communicationId' ? 'communication' : undefined),
};

/** The input of `linkCommunication`, once the communication's reference is turned into its id. */
export function linkInputOf(communicationId: string, values: FormValues): unknown {
  return { communicationId, recordType: textOf(values, 'recordType'), recordId: textOf(values, 'recordId').trim() };
}
