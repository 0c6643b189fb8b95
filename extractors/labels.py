"""The project's label set, defined once. Backends map their own tags to these in their adapters."""

PER, LOC, ORG = "PER", "LOC", "ORG"
ENTITY_TYPES = (PER, LOC, ORG)

EVENT_TYPES = ("visit", "credentials", "c5plus1", "meeting", "call", "agreement", "invitation")
OCCURRED, PLANNED = "occurred", "planned"
EVENT_STATUSES = (OCCURRED, PLANNED)
