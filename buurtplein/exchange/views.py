"""Views of exchange."""
