"""Views of buurthulp."""
