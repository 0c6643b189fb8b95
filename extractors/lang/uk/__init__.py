"""Ukrainian: the project's tokenizer and Stanza NER with pymorphy3 normal forms."""
