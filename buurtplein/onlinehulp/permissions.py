"""Rules of online help, registered with the one permission chain.

* Anyone, without an account, may open the help page, chat and ask a question; the secret
  link (or the code) is what opens their own conversation again, nothing else.
* Workers (staff of a participating organisation, members here) open the console, take chats
  and answer questions of their desks' region; coordinators of a participating organisation
  also see the rota's gaps and get escalations.
"""

from buurtplein.core.permissions import rule
from buurtplein.onlinehulp.selectors import is_worker


@rule("onlinehulp.help.view")
def _view_help(viewer, obj):
    """The public help page, the chat and the question form: anyone."""
    return True


@rule("onlinehulp.console.view")
def _view_console(viewer, obj):
    return is_worker(viewer, obj)


@rule("onlinehulp.help.nav")
def _help_in_navigation(viewer, obj):
    """The navigation's "Chat with a professional" (and buurthulp's page for visitors): for
    anyone, where a desk serves the neighbourhood (read from the cache on a warm page)."""
    from buurtplein.onlinehulp.selectors import viewer_desk_id

    return viewer_desk_id(viewer) is not None


@rule("onlinehulp.console.nav")
def _console_in_navigation(viewer, obj):
    """The navigation's "Online help console": for the workers of a desk serving the
    neighbourhood (read from the cache on a warm page)."""
    from buurtplein.onlinehulp.selectors import works_here

    return works_here(viewer)


@rule("onlinehulp.service.chat")
def _chat_from_service(viewer, service):
    """The chat button on a service's page of the sociale kaart: for anyone, where the
    service's organisation takes part in the neighbourhood's desk."""
    from buurtplein.onlinehulp.selectors import takes_part

    return (
        service is not None
        and viewer.neighbourhood is not None
        and takes_part(viewer.neighbourhood, getattr(service, "organisation_id", None))
    )


@rule("onlinehulp.questions.view")
def _view_questions(viewer, obj):
    """The e-mail queue: the desk's workers (a question: of one of their desks)."""
    return is_worker(viewer, getattr(obj, "desk", None))


@rule("onlinehulp.questions.answer")
def _answer_question(viewer, question):
    """Answer, assign, note and close a question of one of their desks (a suspended member is
    refused: "answer" puts something on a page)."""
    return question is not None and is_worker(viewer, question.desk)


@rule("onlinehulp.rota.view")
def _view_rota(viewer, obj):
    """The rota: the desk's workers see who covers which hours and sign up for shifts."""
    return is_worker(viewer, obj)


@rule("onlinehulp.hours.edit")
def _edit_hours(viewer, desk):
    """The consultation hours: the coordinators of an organisation taking part."""
    from buurtplein.onlinehulp.selectors import is_coordinator

    return is_coordinator(viewer, desk)
