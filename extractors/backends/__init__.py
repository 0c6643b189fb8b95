"""Backends that several languages share: the offline Stanza pipeline and its adapter to name spans."""
