import pytest


@pytest.fixture(autouse=True)
def _words_only(settings):
    """Embeddings off unless a test switches them on (the model takes a second to load)."""
    settings.BUURTPLEIN_EMBEDDINGS = "off"
