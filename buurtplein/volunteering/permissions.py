"""Rules of the volunteering component, registered with the one permission chain."""
