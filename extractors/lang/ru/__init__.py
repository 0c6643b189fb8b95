"""Russian: Natasha with pymorphy3 normal forms."""
