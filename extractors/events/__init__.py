"""Dated diplomatic events: the declarative rules, finding events in an article, and deciding when two reports are one event."""
