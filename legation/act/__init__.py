"""Acting on the picture: protection orders down the chain of command, alerts and notifiers, advisories,
briefings."""
