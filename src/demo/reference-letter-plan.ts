import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { REFERENCE_ZONE } from '../domain/geneva-time.ts';
import type { CommunicationPlan } from './synthetic-communications.ts';

const schema = z.object({
  reference: z.string(),
  type: z.enum(['AL', 'UA', 'OL']),
  addressee: z.string(),
  sentDate: z.iso.date(),
  language: z.enum(['en', 'fr', 'es']),
  mandates: z.array(z.string()).min(1),
  holders: z.array(z.string()).min(1),
  subject: z.string(),
  summary: z.string(),
  body: z.string(),
  concerns: z.string(),
  annexText: z.string(),
  pressRelease: z.boolean(),
  questions: z.array(z.string()),
});

/** The reference letter as recorded in `data/demo/al-kaz-1-2022.json`: its reference and its plan. */
export function referenceLetterPlan(): { reference: string; plan: CommunicationPlan } {
  const file = new URL('../../data/demo/al-kaz-1-2022.json', import.meta.url);
  const d = schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    reference: d.reference,
    plan: {
      type: d.type,
      addressee: d.addressee,
      signatories: d.mandates.map((mandate, i) => ({ mandate, holder: d.holders[i]! })),
      language: d.language,
      subject: d.subject,
      summary: d.summary,
      body: d.body,
      concerns: d.concerns,
      annexText: d.annexText,
      pressRelease: d.pressRelease,
      questions: d.questions,
      synthetic: false,
      // Sent in the morning in Geneva, on the letter's date.
      sentAt: DateTime.fromISO(`${d.sentDate}T10:00`, { zone: REFERENCE_ZONE }).toJSDate(),
      replies: [],
    },
  };
}
