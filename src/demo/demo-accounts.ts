import type { AppContext } from '../context.ts';
import { findAccountByEmail, insertLink } from '../db/repositories/accounts-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { inviteAccount } from '../commands/accounts/invite-account.ts';
import { newToken, tokenHash } from '../accounts/tokens.ts';
import { SYSTEM } from '../policies/principal.ts';

/** How long a demo sign-in link works. */
export const DEMO_LINK_HOURS = 24;

/** The mandates whose holders the demo signs in as: a joint urgent appeal of three, as in the walk-through. */
export const DEMO_MANDATES = ['sr-torture', 'sr-assembly', 'sr-executions'] as const;

/** One demo account and its fresh one-time sign-in link. */
export interface DemoSignIn {
  role: string;
  name: string;
  email: string;
  /** The path of the link (`/sign-in/link/…`), to be put after the server's address. */
  path: string;
}

/**
 * Demo mode only: makes sure there is a demo account for every role — an admin, a case officer, the holder in
 * office of each of {@link DEMO_MANDATES}, and a focal point of Kazakhstan (the reference letter's addressee) —
 * and issues a new one-time sign-in link for each, valid {@link DEMO_LINK_HOURS} hours. Demo accounts have
 * no password; the link replaces both factors, and every page of a demo installation says it is one.
 */
export async function issueDemoSignIns(ctx: AppContext): Promise<DemoSignIn[]> {
  const today = genevaDate(ctx.clock.now());
  const wanted: Array<{ role: string; name: string; email: string; stateCode?: string; mandate?: string }> = [
    { role: 'case_officer', name: 'Demo Case Officer', email: 'officer@demo.invalid' },
    ...DEMO_MANDATES.flatMap((mandate) => {
      const holder = ctx.ref.holdersOn(mandate, today)[0];
      return holder ? [{ role: 'mandate_holder', name: holder.name, email: `${mandate}@demo.invalid`, mandate }] : [];
    }),
    { role: 'focal_point', name: 'Demo Focal Point (Kazakhstan)', email: 'focal-point.kaz@demo.invalid', stateCode: 'KAZ' },
    { role: 'admin', name: 'Demo Administrator', email: 'admin@demo.invalid' },
  ];
  const now = ctx.clock.now();
  const out: DemoSignIn[] = [];
  for (const w of wanted) {
    const existing = await findAccountByEmail(ctx.store.db, w.email);
    let token: string;
    if (!existing) {
      const invitation = await inviteAccount(
        ctx,
        SYSTEM,
        { email: w.email, displayName: w.name, role: w.role, ...(w.stateCode ? { stateCode: w.stateCode } : {}), ...(w.mandate ? { mandate: w.mandate } : {}) },
        { demo: true, linkPurpose: 'demo_sign_in', validHours: DEMO_LINK_HOURS },
      );
      token = invitation.token;
    } else {
      if (existing.demo !== 1 || existing.disabled_at !== null) continue;
      token = newToken();
      await ctx.store.db.transaction().execute((tx) =>
        insertLink(tx, {
          token_hash: tokenHash(token),
          account_id: existing.id,
          purpose: 'demo_sign_in',
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + DEMO_LINK_HOURS * 3_600_000).toISOString(),
        }),
      );
    }
    out.push({ role: w.role, name: w.name, email: w.email, path: `/sign-in/link/${token}` });
  }
  return out;
}

