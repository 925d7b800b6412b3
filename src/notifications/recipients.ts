import type { Kysely } from 'kysely';
import type { CompiledQuery, QueryResult } from 'kysely';
import { focalPointsOfCommunicationQuery, listActiveAccounts, type ActiveAccount } from '../db/repositories/accounts-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Recipient } from './notification-events.ts';

/** Who is told of what: the active accounts of a role, as recipients in their own language. */
async function recipientsOf(tx: Kysely<Database>, f: Parameters<typeof listActiveAccounts>[1]): Promise<Recipient[]> {
  return (await listActiveAccounts(tx, f)).map((a) => ({ address: a.email, lang: a.language }));
}

/** The holders of the signing mandates (those with accounts), for a draft awaiting their decision. */
export async function holdersOfMandates(tx: Kysely<Database>, mandates: readonly string[]): Promise<Recipient[]> {
  return recipientsOf(tx, { role: 'mandate_holder', mandateSlugs: mandates });
}

/** The focal points of a State, for a communication sent to it. */
export function focalPointsOf(tx: Kysely<Database>, stateCode: string): Promise<Recipient[]> {
  return recipientsOf(tx, { role: 'focal_point', stateCode });
}

/** The case officers, for a reply received or overdue. */
export function caseOfficers(tx: Kysely<Database>): Promise<Recipient[]> {
  return recipientsOf(tx, { role: 'case_officer' });
}

/**
 * The focal points of the State a communication is addressed to, as a statement to run in a batch (a
 * command's load round trip), and the recipients read from its result.
 */
export function focalPointsStatement(tx: Kysely<Database>, communicationId: string): CompiledQuery {
  return focalPointsOfCommunicationQuery.query(tx, communicationId);
}
export function recipientsFrom(result: QueryResult<unknown> | undefined): Recipient[] {
  return ((result?.rows ?? []) as ActiveAccount[]).map((a) => ({ address: a.email, lang: a.language }));
}
