# The fixtures of the desk part's tests (help page, e-mail questions, queue, rota).
from buurtplein.onlinehulp.tests.desk_world import (  # noqa: F401
    desk,
    elsewhere,
    nb,
    welfare,
    worker,
)
