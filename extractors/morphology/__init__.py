"""Word forms: inflection rules kept as data (case suffixes, ending classes) and pymorphy3 normal forms."""
