import { allowRegister } from '../../policies/register-policy.ts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { isOfficerOrHolder } from '../../policies/surface-policy.ts';
import { figureSeries } from '../../queries/register/figure-series.ts';
import { getPerson } from '../../queries/register/get-person.ts';
import { listDetentions } from '../../queries/register/list-detentions.ts';
import { listRegisterEvents } from '../../queries/register/list-events.ts';
import { registerOverview } from '../../queries/register/register-overview.ts';
import { detentionMenus } from '../../queries/register/view-detention-menus.ts';
import { viewEvent } from '../../queries/register/view-event.ts';
import { findRegisterPersons } from '../../queries/register/view-persons.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { detentionListView } from '../../web/register/detention-views.ts';
import { eventListView, eventPageView } from '../../web/register/event-views.ts';
import { figuresPageView } from '../../web/register/figures-view.ts';
import { overviewView } from '../../web/register/overview-view.ts';
import { personListView, personPageView } from '../../web/register/person-views.ts';
import { registerPath } from '../../web/register/register-format.ts';
import type { SiteOptions } from '../../web/view-models.ts';
import { requirePrincipal } from '../guards.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * A page's query without the language parameter, which chooses the page's language (see accountLanguage)
 * and is no filter of the register.
 */
function filtersOf(request: FastifyRequest): Record<string, unknown> {
  const { lang: _lang, ...rest } = (request.query ?? {}) as Record<string, unknown>;
  return rest;
}

/**
 * The case register in the staff workspace, server-rendered and complete without script: the overview (a
 * timeline of events, a map of places, figures over time by source), the events and an event's page, the
 * figures of a measure, persons (search by name in any script) and a person's page with the detention
 * history, and the detention register with its filters and its two named lists. Case officers and mandate
 * holders enter; the queries authorize, and the presenter leaves out what a reader may not see (a mandate
 * holder sees no place of detention, health or source). A record that is missing or forbidden, and a filter
 * one may not use, is the same 404 as a page that does not exist; a bad filter value is a 400 page.
 */
export function registerRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    app.get(registerPath.overview, async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = overviewView(accountLanguage(request), await registerOverview(ctx, principal), allowRegister(principal, 'edit'));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-overview', view);
    });

    app.get(registerPath.events, async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = eventListView(accountLanguage(request), await listRegisterEvents(ctx, principal, filtersOf(request)));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-events', view);
    });

    app.get('/staff/register/events/:id', async (request: IdRequest, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = eventPageView(accountLanguage(request), await viewEvent(ctx, principal, request.params.id), allowRegister(principal, 'edit'));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-event', view);
    });

    app.get(registerPath.figures, async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = figuresPageView(accountLanguage(request), await figureSeries(ctx, principal, filtersOf(request)));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-figures', view);
    });

    app.get(registerPath.persons, async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = personListView(accountLanguage(request), await findRegisterPersons(ctx, principal, filtersOf(request)));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-persons', view);
    });

    app.get('/staff/register/persons/:id', async (request: IdRequest, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      const view = personPageView(accountLanguage(request), await getPerson(ctx, principal, request.params.id), allowRegister(principal, 'edit'));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-person', view);
    });

    app.get(registerPath.detentions, async (request, reply) => {
      const principal = requirePrincipal(request, isOfficerOrHolder);
      // The list first: a filter one may not use (a place, for a mandate holder) is refused before the menus are read.
      const list = await listDetentions(ctx, principal, filtersOf(request));
      const view = detentionListView(accountLanguage(request), list, await detentionMenus(ctx, principal));
      return sendPrivateHtml(reply, accountShell(request, view.heading, registerPath.overview, site), 'register-detentions', view);
    });
  };
}
