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
