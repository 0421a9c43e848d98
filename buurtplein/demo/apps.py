from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo and the benchmark's data: ``manage.py demo`` (the README's first command) and
    ``manage.py seed_demo``. Not a component: it sits above them all and fills each through
    its own ``demo.py`` (``seed(neighbourhood, members, rng)``, found through the registry) or
    its actions; nothing imports it but the commands' tests and the bench."""

    name = "buurtplein.demo"
    label = "demo"
    verbose_name = "Demo"
