"""Shared part of the Stanza-backed extractors (Ukrainian, Kyrgyz): BIO tags -> name spans."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diplo.extractors.backends.stanza_backend import Tokenizer
from diplo.extractors.errors import ModelsMissingError
from diplo.extractors.pipeline.analysis import Analysis, NameSpan, Sentence, Token
from diplo.extractors.pipeline.extractor import Extractor
from diplo.extractors.pipeline.language import Language


class StanzaExtractor(Extractor):
    """Runs a language's offline Stanza pipeline; subclasses may say how a span's words become a name.

    A language whose names need no more than the knowledge base gives can name this class itself as its
    pipeline in language.yaml: then the language is only data and weights.
    """

    def __init__(self, language: Language, *, stanza_dir: Path | None = None) -> None:
        from diplo.extractors.backends.stanza_backend import StanzaBackend

        super().__init__(language)
        self.backend = StanzaBackend.load(language, stanza_dir, tokenize=self.tokenizer())

    def tokenizer(self) -> Tokenizer | None:
        """The language's own tokenizer for the shipped pipeline, or None to use the Stanza tokenizer."""
        return None

    def normal_name(self, tokens: list, entity_type: str) -> str:
        """The name as the text writes it; languages that inflect names override this."""
        return "".join((" " if i and t.start > tokens[i - 1].end else "") + t.text for i, t in enumerate(tokens))

    def split_span(self, entity_type: str, tokens: list) -> list[tuple[str, list]]:
        """The names in one tagged span, as (type, tokens): languages whose NER keeps titles in a span or
        glues names together override this ("Дүйшөмбүдө Путин" is a place and a person)."""
        return [(entity_type, tokens)]

    def adapt_tokens(self, sentence: list) -> tuple[Token, ...]:
        """Backend tokens of a sentence -> analysis tokens; languages with a better lemmatizer override this."""
        return tuple(Token(t.text, t.start, t.end, (t.lemma or t.text).lower()) for t in sentence)

    def analyze_batch(self, texts: Sequence[str]) -> list[Analysis]:
        return [self._adapt(text, sentences) for text, sentences in zip(texts, self.backend.analyze_batch(list(texts)))]

    def _adapt(self, text: str, sentences) -> Analysis:
        adapted, spans = [], []
        for sentence in sentences:
            if not sentence:
                continue
            tokens = self.adapt_tokens(sentence)
            adapted.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
            for tagged_type, tagged_tokens in bio_spans(sentence):
                for entity_type, span_tokens in self.split_span(tagged_type, tagged_tokens):
                    if not span_tokens:
                        continue
                    start, end = span_tokens[0].start, span_tokens[-1].end
                    normal = self.normal_name(span_tokens, entity_type)
                    if normal:
                        spans.append(NameSpan(entity_type, start, end, text[start:end], normal))
        return Analysis(tuple(adapted), tuple(spans))


    @classmethod
    def describe(cls, language: Language, *, stanza_dir: Path | None = None) -> dict[str, Any]:
        from diplo.extractors.backends.stanza_backend import shipped_manifest

        lang = language.code
        if stanza_dir:
            files = {p.name: describe_file(p) for p in sorted((stanza_dir / lang).rglob("*.pt"))} \
                if (stanza_dir / lang).is_dir() else {}
            entry = {"lang": lang, "pipeline": f"official Stanza models from {stanza_dir} (--stanza-dir)", "files": files,
                     "training_data": "see the Stanza model documentation", "license": "see the Stanza model documentation",
                     "scores": None}
            if not files:
                entry["error"] = f"--stanza-dir {stanza_dir} has no Stanza models for '{lang}' (no {stanza_dir / lang}/*/*.pt)"
            return entry
        try:
            manifest = shipped_manifest(language)
        except ModelsMissingError as error:
            return {"lang": lang, "pipeline": "missing", "files": {}, "training_data": None, "license": None,
                    "scores": None, "error": str(error)}
        files = {name: describe_file(language.weights / info["path"]) for name, info in manifest["files"].items()}
        return {"lang": lang, "pipeline": manifest["pipeline"], "files": files, "training_data": manifest["training_data"],
                "vectors": manifest.get("vectors"), "license": manifest["license"], "scores": shipped_scores(language)}


def shipped_scores(language: Language) -> dict[str, Any] | None:
    """The language's test figures as `diplo models` shows them: one basis for every language (the whole
    pipeline; written by `bench/ner_quality.py --ship`)."""
    path = language.directory / "scores.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def describe_file(path: Path) -> dict[str, Any]:
    """A model file as `diplo models` lists it: its path and size (None where it is missing)."""
    return {"path": str(path), "bytes": path.stat().st_size if path.exists() else None}


def bio_spans(tokens) -> list[tuple[str, list]]:
    """Group B-/I- tagged tokens into (type, tokens); a stray I- starts a span of its own."""
    spans: list[tuple[str, list]] = []
    for token in tokens:
        prefix, _, kind = token.ner.partition("-")
        if prefix == "B" or (prefix == "I" and (not spans or spans[-1][0] != kind or spans[-1][1][-1] is not _previous(tokens, token))):
            spans.append((kind, [token]))
        elif prefix == "I":
            spans[-1][1].append(token)
    return spans


def _previous(tokens, token):
    index = tokens.index(token)
    return tokens[index - 1] if index else None

