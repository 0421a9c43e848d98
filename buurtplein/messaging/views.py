"""Views of messaging."""
