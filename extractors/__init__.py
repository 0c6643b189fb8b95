"""The language pipelines behind one interface, and the shared stages they feed: entities, linking, events, dates."""
