import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { approveReplyPublicVersion } from '../../commands/approve-reply-public-version.ts';
import type { AppContext } from '../../context.ts';
import { diffPublicVersion } from '../../letters/public-version-diff.ts';
import type { Principal } from '../../policies/principal.ts';
import { getPortalReply } from '../../queries/get-portal-replies.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { replyReviewView } from '../../web/government-views.ts';
import { errorView, type SiteOptions } from '../../web/view-models.ts';
import { toAppError } from '../error-handler.ts';
import { requirePrincipal } from '../guards.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

type Params = { replyId: string };

/**
 * The case officers' review of a reply a Government submitted through its portal: the text as received,
 * its documents, and the proposed public version beside it with what differs marked
 * (`GET /staff/replies/:replyId`); recording and approving the public version
 * (`POST /staff/replies/:replyId/public-version`). Until then the public sees no text of the reply.
 */
export function replyReviewRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    const reviewPage = async (
      request: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
      principal: Principal,
      extra: { proposed?: string; error?: string | null; saved?: boolean } = {},
      status = 200,
    ) => {
      const found = await getPortalReply(ctx, principal, request.params.replyId, 'approve_reply_public');
      const proposed = extra.proposed ?? found.proposedPublicText;
      const view = replyReviewView(accountLanguage(request), {
        reference: found.communication.reference,
        communicationHref: `/staff/communications/${encodeURIComponent(found.communication.id)}`,
        reply: found.reply,
        proposed,
        diff: diffPublicVersion(found.reply.text, proposed),
        csrf: request.csrfToken(),
        action: `/staff/replies/${encodeURIComponent(found.reply.replyId)}/public-version`,
        error: extra.error ?? null,
        saved: extra.saved === true,
      });
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff', site), 'reply-review', view, status);
    };

    app.get<{ Params: Params }>('/staff/replies/:replyId', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const saved = (request.query as Record<string, unknown> | undefined)?.saved === '1';
      return reviewPage(request, reply, principal, { saved });
    });

    app.post<{ Params: Params }>('/staff/replies/:replyId/public-version', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const publicText = typeof body.publicText === 'string' ? body.publicText : undefined;
      try {
        await approveReplyPublicVersion(ctx, principal, request.params.replyId, publicText === undefined ? {} : { publicText });
      } catch (err) {
        const e = toAppError(err);
        if (e.code === 'NOT_FOUND' || e.status >= 500 || e.code === 'CONFLICT') throw err;
        const message = errorView(accountLanguage(request), e).message;
        return reviewPage(request, reply, principal, { ...(publicText !== undefined ? { proposed: publicText } : {}), error: message }, e.status);
      }
      return reply.redirect(`/staff/replies/${encodeURIComponent(request.params.replyId)}?saved=1`, 303);
    });
  };
}
