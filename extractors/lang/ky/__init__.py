"""Kyrgyz: the project's Stanza tokenizer, lemmatizer and NER; names without case endings."""
