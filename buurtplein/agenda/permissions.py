"""Rules of the agenda component, registered with the one permission chain."""
