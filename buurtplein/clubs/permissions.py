"""Rules of the clubs component, registered with the one permission chain."""
