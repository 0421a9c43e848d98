"""Pages of online help."""
