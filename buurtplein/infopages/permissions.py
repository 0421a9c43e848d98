"""Rules of the infopages component, registered with the one permission chain."""
