import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { totpUri } from '../../accounts/totp.ts';
import { tokenHash } from '../../accounts/tokens.ts';
import { disableAccount } from '../../commands/accounts/disable-account.ts';
import { inviteAccount } from '../../commands/accounts/invite-account.ts';
import { acceptInvitation, completeSecondFactor, signInWithDemoLink, signInWithPassword, signOut, totpSecretOf } from '../../commands/accounts/sign-in.ts';
import type { AppContext } from '../../context.ts';
import { findAccountById, findUsableLink, listAccounts } from '../../db/repositories/accounts-repository.ts';
import { AppError, isAppError } from '../../errors.ts';
import { formatDate, translator } from '../../i18n/translate.ts';
import { ROLES, roleOf } from '../../policies/principal.ts';
import { accountLanguage, accountShell, homeOfRole } from '../../web/account-shell.ts';
import { errorMessage } from '../../web/error-message.ts';
import { pageShell, siteHref, type SiteOptions } from '../../web/view-models.ts';
import { requirePrincipal } from '../guards.ts';
import { isAdmin } from '../../policies/surface-policy.ts';
import { htmlErrorHandler, safeNext, sendPrivateHtml } from '../html.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../session-plugin.ts';
import { SignInThrottle } from '../sign-in-throttle.ts';
import { toAppError } from '../error-handler.ts';

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Attempts per minute from one address on the sign-in forms (the per-account throttle is separate). */
const SIGN_IN_RATE = { max: 10, timeWindow: '1 minute' };

/**
 * Signing in and out, accepting an invitation and enrolling the second factor, demo sign-in links, and the
 * admins' accounts page. Forms work without JavaScript; every POST carries the CSRF token.
 */
export function accountRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));
    await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('RATE_LIMITED', 'too many attempts; wait a minute') });
    const throttle = new SignInThrottle();

    const shellFor = (request: FastifyRequest, titleKey: string, path: string) => {
      const language = accountLanguage(request);
      return pageShell(language, translator(language.lang)(titleKey), { path }, null, site);
    };
    const FIELDS: Record<string, string> = { email: 'account.email', password: 'account.password', confirm: 'account.setup.confirm', code: 'account.code.label', displayName: 'account.name', role: 'account.role', stateCode: 'account.state', mandate: 'account.mandate' };
    const message = (request: FastifyRequest, err: AppError) => errorMessage(accountLanguage(request).lang, err, (field) => FIELDS[field]);

    const signInPage = (request: FastifyRequest, reply: FastifyReply, extra: { error?: string; email?: string; next?: string } = {}, status = 200) =>
      sendPrivateHtml(reply, shellFor(request, 'account.signIn.title', '/sign-in'), 'sign-in', {
        csrf: request.csrfToken(),
        error: extra.error ?? null,
        email: extra.email ?? '',
        next: extra.next ?? safeNext((request.query as Body | undefined)?.next) ?? '',
      }, status);

    const codePage = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: string; next?: string } = {}, status = 200) => {
      const session = request.session;
      if (!session || session.stage === 'full') return reply.redirect('/sign-in', 303);
      let enrol: { secretGroups: string; uri: string } | null = null;
      if (session.stage === 'enrol') {
        const account = await findAccountById(ctx.store.db, session.accountId);
        const secret = account ? totpSecretOf(ctx, account) : null;
        if (!account || !secret) return reply.redirect('/sign-in', 303);
        enrol = { secretGroups: secret.match(/.{1,4}/g)?.join(' ') ?? secret, uri: totpUri(secret, account.email) };
      }
      return sendPrivateHtml(reply, shellFor(request, enrol ? 'account.enrol.title' : 'account.code.title', '/sign-in/code'), 'second-factor', {
        csrf: request.csrfToken(),
        error: extra.error ?? null,
        next: extra.next ?? safeNext((request.query as Body | undefined)?.next) ?? '',
        enrol: enrol !== null,
        ...(enrol ?? {}),
      }, status);
    };

    app.get('/sign-in', async (request, reply) => {
      if (request.session?.stage === 'full') return reply.redirect(homeOfRole(roleOf(request.principal)), 303);
      return signInPage(request, reply);
    });

    app.post('/sign-in', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const email = str(body.email).trim().toLowerCase();
      const next = safeNext(body.next);
      try {
        throttle.check(email, ctx.clock.now());
        const session = await signInWithPassword(ctx, { email, password: str(body.password) });
        throttle.succeeded(email);
        // A new session id at each step: an id planted before sign-in opens nothing after it.
        setSessionCookie(reply, session.token);
        return reply.redirect(next ? `/sign-in/code?next=${encodeURIComponent(next)}` : '/sign-in/code', 303);
      } catch (err) {
        const e = toAppError(err);
        if (e.code === 'SIGN_IN_FAILED') throttle.failed(email, ctx.clock.now());
        if (!['SIGN_IN_FAILED', 'RATE_LIMITED', 'VALIDATION_FAILED'].includes(e.code)) throw err;
        return signInPage(request, reply, { error: message(request, e), email, ...(next ? { next } : {}) }, e.status);
      }
    });

    app.get('/sign-in/code', async (request, reply) => codePage(request, reply));

    app.post('/sign-in/code', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const token = request.cookies[SESSION_COOKIE];
      if (!token || !request.session) return reply.redirect('/sign-in', 303);
      const next = safeNext(body.next);
      try {
        const key = `2fa:${request.session.accountId}`;
        throttle.check(key, ctx.clock.now());
        const result = await completeSecondFactor(ctx, token, { code: str(body.code) });
        throttle.succeeded(key);
        setSessionCookie(reply, result.token);
        const role = (await findAccountById(ctx.store.db, result.accountId))?.role ?? '';
        const destination = next ?? homeOfRole(role);
        if (result.recoveryCodes) {
          const language = accountLanguage(request);
          const shell = pageShell(language, translator(language.lang)('account.recovery.title'), { path: '/sign-in/code' }, null, site);
          return sendPrivateHtml(reply, shell, 'recovery-codes', { codes: result.recoveryCodes, continueHref: siteHref(language, destination) });
        }
        return reply.redirect(destination, 303);
      } catch (err) {
        const e = toAppError(err);
        if (e.code === 'SECOND_FACTOR_FAILED') throttle.failed(`2fa:${request.session.accountId}`, ctx.clock.now());
        if (e.code === 'SIGN_IN_REQUIRED') return reply.redirect('/sign-in', 303);
        if (!['SECOND_FACTOR_FAILED', 'RATE_LIMITED', 'VALIDATION_FAILED'].includes(e.code)) throw err;
        return codePage(request, reply, { error: message(request, e), ...(next ? { next } : {}) }, e.status);
      }
    });

    app.post('/sign-out', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, token);
      clearSessionCookie(reply);
      return reply.redirect('/', 303);
    });

    app.get<{ Params: { token: string } }>('/account/setup/:token', async (request, reply) => {
      const link = await findUsableLink(ctx.store.db, tokenHash(request.params.token), 'invitation', ctx.clock.now().toISOString());
      const account = link ? await findAccountById(ctx.store.db, link.account_id) : undefined;
      if (!account || account.disabled_at !== null) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
      return sendPrivateHtml(reply, shellFor(request, 'account.setup.title', '/account/setup'), 'set-password', {
        csrf: request.csrfToken(),
        name: account.display_name,
        action: siteHref(accountLanguage(request), `/account/setup/${encodeURIComponent(request.params.token)}`),
        error: null,
      });
    });

    app.post<{ Params: { token: string } }>('/account/setup/:token', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        const session = await acceptInvitation(ctx, request.params.token, { password: str(body.password), confirm: str(body.confirm) });
        setSessionCookie(reply, session.token);
        return reply.redirect('/sign-in/code', 303);
      } catch (err) {
        const e = toAppError(err);
        if (!['PASSWORD_WEAK', 'VALIDATION_FAILED'].includes(e.code)) throw err;
        const link = await findUsableLink(ctx.store.db, tokenHash(request.params.token), 'invitation', ctx.clock.now().toISOString());
        const account = link ? await findAccountById(ctx.store.db, link.account_id) : undefined;
        return sendPrivateHtml(reply, shellFor(request, 'account.setup.title', '/account/setup'), 'set-password', {
          csrf: request.csrfToken(),
          name: account?.display_name ?? '',
          action: siteHref(accountLanguage(request), `/account/setup/${encodeURIComponent(request.params.token)}`),
          error: message(request, e),
        }, e.status);
      }
    });

    app.get<{ Params: { token: string } }>('/sign-in/link/:token', async (request, reply) => {
      // A GET only shows the button: link scanners and previews must not use up the one-time link.
      const link = await findUsableLink(ctx.store.db, tokenHash(request.params.token), 'demo_sign_in', ctx.clock.now().toISOString());
      if (!link) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
      return sendPrivateHtml(reply, shellFor(request, 'account.demo.title', '/sign-in/link'), 'demo-link', {
        csrf: request.csrfToken(),
        action: siteHref(accountLanguage(request), `/sign-in/link/${encodeURIComponent(request.params.token)}`),
      });
    });

    app.post<{ Params: { token: string } }>('/sign-in/link/:token', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const session = await signInWithDemoLink(ctx, request.params.token);
      setSessionCookie(reply, session.token);
      const role = (await findAccountById(ctx.store.db, session.accountId))?.role ?? '';
      return reply.redirect(homeOfRole(role), 303);
    });

    const accountsPage = async (request: FastifyRequest, reply: FastifyReply, extra: { invitation?: { email: string; link: string; expires: string }; error?: string } = {}, status = 200) => {
      const language = accountLanguage(request);
      const t = translator(language.lang);
      const rows = await listAccounts(ctx.store.db);
      return sendPrivateHtml(reply, accountShell(request, t('admin.accounts.title'), '/admin/accounts', site), 'admin-accounts', {
        csrf: request.csrfToken(),
        invitation: extra.invitation ?? null,
        error: extra.error ?? null,
        roles: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
        mandates: ctx.ref.mandates().map((m) => ({ value: m.slug, label: ctx.ref.mandateTitle(m.slug, language.lang) ?? m.slug })),
        accounts: rows.map((a) => ({
          name: a.display_name,
          email: a.email,
          role: t(`role.${a.role}`),
          scope: a.state_code ?? (a.mandate_slug ? (ctx.ref.mandateTitle(a.mandate_slug, language.lang) ?? a.mandate_slug) : ''),
          status: t(a.disabled_at ? 'account.disabled' : a.password_hash ? 'account.active' : 'account.invited'),
          disableAction: a.disabled_at ? null : siteHref(language, `/admin/accounts/${encodeURIComponent(a.id)}/disable`),
        })),
      }, status);
    };

    app.get('/admin/accounts', async (request, reply) => {
      requirePrincipal(request, isAdmin);
      return accountsPage(request, reply);
    });

    app.post('/admin/accounts', async (request, reply) => {
      const principal = requirePrincipal(request, isAdmin);
      const body = (request.body ?? {}) as Body;
      const input = {
        email: str(body.email).trim(),
        displayName: str(body.displayName),
        role: str(body.role),
        ...(str(body.stateCode).trim() ? { stateCode: str(body.stateCode) } : {}),
        ...(str(body.mandate).trim() ? { mandate: str(body.mandate) } : {}),
      };
      try {
        const invitation = await inviteAccount(ctx, principal, input);
        const origin = `${request.protocol}://${request.host}`;
        return accountsPage(request, reply, {
          invitation: {
            email: invitation.account.email,
            link: `${origin}/account/setup/${invitation.token}`,
            expires: formatDate(accountLanguage(request).lang, invitation.expiresAt.slice(0, 10)),
          },
        });
      } catch (err) {
        if (!isAppError(err) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
        return accountsPage(request, reply, { error: message(request, err) }, err.status);
      }
    });

    app.post<{ Params: { id: string } }>('/admin/accounts/:id/disable', async (request, reply) => {
      const principal = requirePrincipal(request, isAdmin);
      await disableAccount(ctx, principal, request.params.id);
      return reply.redirect('/admin/accounts', 303);
    });
  };
}
