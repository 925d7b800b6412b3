import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { approvePublicVersion } from '../../commands/approve-public-version.ts';
import { auditRead } from '../../commands/audit-read.ts';
import { COMMUNICATION_RECORD } from '../../commands/change-communication.ts';
import { createDraft } from '../../commands/create-draft.ts';
import { decideDraft } from '../../commands/decide-draft.ts';
import { editDraft } from '../../commands/edit-draft.ts';
import { holdPublication } from '../../commands/hold-publication.ts';
import { publishCommunication } from '../../commands/publish-communication.ts';
import { recordReply } from '../../commands/record-reply.ts';
import { releaseHold } from '../../commands/release-hold.ts';
import { retractCommunication } from '../../commands/retract-communication.ts';
import { sendCommunication } from '../../commands/send-communication.ts';
import { submitDraft } from '../../commands/submit-draft.ts';
import { withdrawDraft } from '../../commands/withdraw-draft.ts';
import type { AppContext } from '../../context.ts';
import type { Communication } from '../../domain/communication.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { AppError } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { diffPublicVersion } from '../../letters/public-version-diff.ts';
import { renderLetterHtml } from '../../letters/render/render-letter-html.ts';
import { renderLetterPdf } from '../../letters/render/render-letter-pdf.ts';
import { renderLetterText } from '../../letters/render/render-letter-text.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentStaffCommunication } from '../../presenters/communication-presenter.ts';
import { composeCommunicationLetter } from '../../queries/compose-communication-letter.ts';
import { countSubmissionsToTriage } from '../../queries/count-submissions-to-triage.ts';
import { getCommunication } from '../../queries/get-communication.ts';
import { listDeadlines } from '../../queries/list-deadlines.ts';
import { listDrafts } from '../../queries/list-drafts.ts';
import { searchSubmissions } from '../../queries/search-submissions.ts';
import { searchWorkspace } from '../../queries/search-workspace.ts';
import { workspaceOverview } from '../../queries/workspace-overview.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import {
  changedParts,
  draftFormOf,
  draftFormValues,
  draftInputOf,
  emptyDraftForm,
  field,
  type DraftFormValues,
  type FormBody,
} from '../../web/staff-forms.ts';
import {
  communicationPath,
  draftPath,
  formErrorMessage,
  newDraftView,
  staffCommunicationView,
  staffDeadlinesView,
  staffDraftsView,
  staffDraftView,
  staffHomeView,
  foundSubmissions,
  staffSearchView,
  type StaffAbilities,
} from '../../web/staff-view-models.ts';
import type { SiteOptions } from '../../web/view-models.ts';
import { toAppError } from '../error-handler.ts';
import { requirePrincipal } from '../guards.ts';
import { allowCommunication, holderIdentity, pendingDecisionOf } from '../../policies/communication-policy.ts';
import { isOfficer, isOfficerOrHolder } from '../../policies/surface-policy.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Notices a page shows after a form succeeded (`?done=`); anything else is ignored. */
const DONE = new Set(['create', 'edit', 'unchanged', 'submit', 'decide', 'withdraw', 'approve_public', 'send', 'reply', 'hold', 'release', 'publish', 'retract']);

/** The most submissions a workspace search lists. */
const SUBMISSION_HITS = 20;

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** A record's id from the address; anything that is not an id is the same "not found" as a missing record. */
function idOf(request: IdRequest): string {
  const id = request.params.id;
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'no such communication');
  return id.toLowerCase();
}

/** Errors a form shows beside itself; anything else (not found, sign-in, server faults) gets its own page. */
function isFormError(err: AppError): boolean {
  return err.status < 500 && !['NOT_FOUND', 'FORBIDDEN', 'SIGN_IN_REQUIRED', 'CSRF_INVALID'].includes(err.code);
}

/**
 * The staff workspace, server-rendered: the home page with counts and short lists, the drafts with each
 * mandate's decision, a draft's page (edit, submit, decide, withdraw, compare and approve the public version,
 * send), a sent communication's page (replies, hold, release, publish, retract, the full letter), the
 * deadlines and the search. Case officers see and do everything; a mandate holder sees the letters its
 * mandate signs and decides on them. Every read and write goes through the queries and commands, so the
 * policy decides; a letter one may not see is the same 404 as one that does not exist. A refused form is
 * shown again with the error and nothing is written.
 */
export function staffRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    const langOf = (request: FastifyRequest) => accountLanguage(request).lang;
    const tOf = (request: FastifyRequest) => translator(langOf(request));
    const doneOf = (request: FastifyRequest) => {
      const done = (request.query as Record<string, unknown> | undefined)?.done;
      return typeof done === 'string' && DONE.has(done) ? done : null;
    };
    const abilities = (principal: Principal, c: Communication): StaffAbilities => ({
      officer: allowCommunication(principal, 'edit', c),
      decideAs: pendingDecisionOf(principal, c),
    });

    /**
     * Runs a form's command and redirects to `to` with the notice, or shows the page again with the error
     * (the command wrote nothing) and the error's status.
     */
    const runForm = async (
      reply: FastifyReply,
      run: () => Promise<{ to: string; done: string }>,
      again: (error: string, status: number) => Promise<FastifyReply>,
      request: FastifyRequest,
    ): Promise<FastifyReply> => {
      let result: { to: string; done: string };
      try {
        result = await run();
      } catch (err) {
        const e = toAppError(err);
        if (!isFormError(e)) throw err;
        return again(formErrorMessage(langOf(request), e), e.status);
      }
      return reply.redirect(`${result.to}?done=${result.done}`, 303);
    };

    // ---- Home -------------------------------------------------------------------------------------------

    app.get('/staff', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const lists = await workspaceOverview(ctx, principal);
      // The intake's inbox is the case officers' alone.
      const submissions = isOfficer(principal) ? { total: await countSubmissionsToTriage(ctx, principal), href: '/staff/submissions?status=received' } : null;
      const view = staffHomeView(accountLanguage(request), lists, submissions);
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff', site), 'staff-home', view);
    });

    // ---- Drafts -----------------------------------------------------------------------------------------

    app.get('/staff/drafts', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const result = await listDrafts(ctx, principal, request.query, langOf(request));
      const view = staffDraftsView(accountLanguage(request), result, isOfficer(principal));
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff/drafts', site), 'staff-drafts', view);
    });

    const newDraftPage = (request: FastifyRequest, reply: FastifyReply, values: DraftFormValues, error: string | null, status = 200) => {
      const view = newDraftView(ctx.ref, accountLanguage(request), values, request.csrfToken(), error);
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff/drafts', site), 'staff-draft-new', view, status);
    };

    app.get('/staff/drafts/new', async (request, reply) => {
      requirePrincipal(request, isOfficer);
      return newDraftPage(request, reply, emptyDraftForm(), null);
    });

    app.post('/staff/drafts/new', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const values = draftFormValues(request.body as FormBody);
      return runForm(
        reply,
        async () => {
          const draft = await createDraft(ctx, principal, draftInputOf(values));
          return { to: draftPath(draft.id), done: 'create' };
        },
        async (error, status) => newDraftPage(request, reply, values, error, status),
        request,
      );
    });

    /** A draft's page; `form` keeps what was typed into the edit form when an edit is refused. */
    const draftPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      principal: Principal,
      id: string,
      extra: { error?: string; form?: DraftFormValues } = {},
      status = 200,
    ) => {
      const full = await composeCommunicationLetter(ctx, principal, id, 'full');
      const pub = await composeCommunicationLetter(ctx, principal, id, 'public');
      const c = full.communication;
      const lang = langOf(request);
      const view = staffDraftView(
        ctx.ref,
        accountLanguage(request),
        presentStaffCommunication(c, ctx.ref, genevaDate(ctx.clock.now()), lang),
        diffPublicVersion(renderLetterText(full.letter), renderLetterText(pub.letter)),
        abilities(principal, c),
        { csrf: request.csrfToken(), error: extra.error ?? null, done: doneOf(request), form: extra.form ?? draftFormOf(c), formChanged: extra.form !== undefined },
      );
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff/drafts', site), 'staff-draft', view, status);
    };

    app.get('/staff/drafts/:id', async (request: IdRequest, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const c = await getCommunication(ctx, principal, idOf(request));
      if (c.draftingStatus === 'sent') return reply.redirect(communicationPath(c.id), 303);
      return draftPage(request, reply, principal, c.id);
    });

    app.post('/staff/drafts/:id/edit', async (request: IdRequest, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const id = idOf(request);
      const body = request.body as FormBody;
      const values = draftFormValues(body);
      return runForm(
        reply,
        async () => {
          const c = await getCommunication(ctx, principal, id);
          const input = draftInputOf(values);
          if (Object.keys(changedParts(c, input)).length === 0) return { to: draftPath(id), done: 'unchanged' };
          const version = Number(field(body, 'expectedVersion'));
          // The whole text goes with every edit, and the parts this form does not show as they are: the edit
          // command fills a part left out with its default, so a part left out would be emptied (a withheld
          // victim's name among them).
          await editDraft(ctx, principal, id, {
            ...input,
            pressRelease: c.pressRelease,
            citations: c.citations,
            ...(Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {}),
          });
          return { to: draftPath(id), done: 'edit' };
        },
        (error, status) => draftPage(request, reply, principal, id, { error, form: values }, status),
        request,
      );
    });

    /** A form on a draft's page that runs one command and comes back to the page. */
    const draftAction = (path: string, allowed: (p: Principal) => boolean, run: (principal: Principal, id: string, body: FormBody) => Promise<{ to: string; done: string }>) =>
      app.post(`/staff/drafts/:id/${path}`, async (request: IdRequest, reply) => {
        const principal = requirePrincipal(request, allowed);
        const id = idOf(request);
        return runForm(
          reply,
          () => run(principal, id, request.body as FormBody),
          (error, status) => draftPage(request, reply, principal, id, { error }, status),
          request,
        );
      });

    draftAction('submit', isOfficer, async (principal, id) => {
      await submitDraft(ctx, principal, id);
      return { to: draftPath(id), done: 'submit' };
    });

    draftAction('withdraw', isOfficer, async (principal, id, body) => {
      await withdrawDraft(ctx, principal, id, { reason: field(body, 'reason') });
      return { to: draftPath(id), done: 'withdraw' };
    });

    draftAction('approve-public', isOfficer, async (principal, id) => {
      await approvePublicVersion(ctx, principal, id);
      return { to: draftPath(id), done: 'approve_public' };
    });

    draftAction('send', isOfficer, async (principal, id) => {
      const sent = await sendCommunication(ctx, principal, id);
      return { to: communicationPath(sent.id), done: 'send' };
    });

    draftAction('decide', isOfficerOrHolder, async (principal, id, body) => {
      // A mandate holder decides for its own mandate under its own name; a case officer records the
      // decision a holder gave, naming both (the command checks either way).
      const own = holderIdentity(principal);
      await decideDraft(ctx, principal, id, {
        mandate: own ? own.mandate : field(body, 'mandate'),
        holder: own ? own.holder : field(body, 'holder'),
        decision: field(body, 'decision'),
        ...(field(body, 'note').trim() ? { note: field(body, 'note') } : {}),
      });
      return { to: draftPath(id), done: 'decide' };
    });

    // ---- Sent communications ----------------------------------------------------------------------------

    const communicationPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      principal: Principal,
      c: Communication,
      extra: { error?: string; form?: Record<string, string> } = {},
      status = 200,
    ) => {
      const lang = langOf(request);
      const today = genevaDate(ctx.clock.now());
      const view = staffCommunicationView(accountLanguage(request), presentStaffCommunication(c, ctx.ref, today, lang), abilities(principal, c), {
        csrf: request.csrfToken(),
        error: extra.error ?? null,
        done: doneOf(request),
        today,
        form: extra.form ?? {},
      });
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff', site), 'staff-communication', view, status);
    };

    app.get('/staff/communications/:id', async (request: IdRequest, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const c = await getCommunication(ctx, principal, idOf(request));
      if (c.draftingStatus !== 'sent') return reply.redirect(draftPath(c.id), 303);
      return communicationPage(request, reply, principal, c);
    });

    /** A form on a communication's page that runs one command and comes back to the page. */
    const communicationAction = (path: string, done: string, run: (principal: Principal, id: string, body: FormBody) => Promise<unknown>) =>
      app.post(`/staff/communications/:id/${path}`, async (request: IdRequest, reply) => {
        const principal = requirePrincipal(request, isOfficer);
        const id = idOf(request);
        const body = request.body as FormBody;
        return runForm(
          reply,
          async () => {
            await run(principal, id, body);
            return { to: communicationPath(id), done };
          },
          async (error, status) => {
            const c = await getCommunication(ctx, principal, id);
            const form = Object.fromEntries(['receivedOn', 'kind', 'language', 'summary'].map((k) => [k, field(body, k)]).filter(([, v]) => v !== ''));
            return communicationPage(request, reply, principal, c, { error, form: path === 'replies' ? form : {} }, status);
          },
          request,
        );
      });

    communicationAction('replies', 'reply', (principal, id, body) =>
      recordReply(ctx, principal, id, {
        receivedOn: field(body, 'receivedOn').trim(),
        kind: field(body, 'kind'),
        language: field(body, 'language').trim() || 'en',
        summary: field(body, 'summary'),
      }),
    );
    communicationAction('hold', 'hold', (principal, id, body) =>
      holdPublication(ctx, principal, id, { reason: field(body, 'reason'), ...(field(body, 'until').trim() ? { until: field(body, 'until').trim() } : {}) }),
    );
    communicationAction('release', 'release', (principal, id, body) => releaseHold(ctx, principal, id, { reason: field(body, 'reason') }));
    communicationAction('publish', 'publish', (principal, id, body) => publishCommunication(ctx, principal, id, { reason: field(body, 'reason') }));
    communicationAction('retract', 'retract', (principal, id, body) => retractCommunication(ctx, principal, id, { reason: field(body, 'reason') }));
    communicationAction('approve-public', 'approve_public', (principal, id) => approvePublicVersion(ctx, principal, id));

    // The full letter as the Government receives it (every name, the confidential annex): for staff who may
    // read it, each reading recorded in the audit chain before the letter leaves the server.
    const fullLetter = async (request: IdRequest) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const id = idOf(request);
      const composed = await composeCommunicationLetter(ctx, principal, id, 'full');
      await auditRead(ctx, principal, { recordType: COMMUNICATION_RECORD, recordId: composed.communication.id, what: 'full_letter' });
      return composed;
    };

    app.get('/staff/communications/:id/letter', async (request: IdRequest, reply) => {
      const { letter } = await fullLetter(request);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', letter.language)
        .header('cache-control', 'no-store')
        .send(renderLetterHtml(letter, { stylesheetHref: '/static/letter.css' }));
    });

    app.get('/staff/communications/:id/letter.pdf', async (request: IdRequest, reply) => {
      const { communication, letter } = await fullLetter(request);
      const pdf = await renderLetterPdf(letter, { creationDate: new Date(communication.sentAt ?? ctx.clock.now().toISOString()) });
      const name = communication.reference ? communication.reference.replace(/[ /]/g, '-') : 'draft';
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    });

    // ---- Deadlines and search ---------------------------------------------------------------------------

    app.get('/staff/deadlines', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = staffDeadlinesView(accountLanguage(request), await listDeadlines(ctx, principal));
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff/deadlines', site), 'staff-deadlines', view);
    });

    app.get('/staff/search', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const q = field(request.query as FormBody, 'q');
      const lang = langOf(request);
      const title = tOf(request)('staff.search.title');
      if (q.trim() === '') {
        return sendPrivateHtml(reply, accountShell(request, title, '/staff/search', site), 'staff-search', staffSearchView(accountLanguage(request), '', null, null));
      }
      try {
        const found = await searchWorkspace(ctx, principal, { q }, lang);
        // Submissions are the case officers' alone; a mandate holder's search finds letters only.
        const hits = isOfficer(principal) ? await searchSubmissions(ctx, principal, found.q, SUBMISSION_HITS) : null;
        const view = staffSearchView(accountLanguage(request), q, { items: found.items, submissions: hits && foundSubmissions(accountLanguage(request), hits) }, null);
        return sendPrivateHtml(reply, accountShell(request, title, '/staff/search', site), 'staff-search', view);
      } catch (err) {
        const e = toAppError(err);
        if (!isFormError(e)) throw err;
        const view = staffSearchView(accountLanguage(request), q, null, formErrorMessage(lang, e));
        return sendPrivateHtml(reply, accountShell(request, title, '/staff/search', site), 'staff-search', view, e.status);
      }
    });
  };
}
