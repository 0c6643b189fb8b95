"""Normal (nominative) forms of Russian and Ukrainian names with pymorphy3.

Natasha's normalizer inflects every word of a span, so "Соединенных Штатов Америки" becomes
"Соединенные Штаты Америка", and it leaves unknown surnames in the case they came in
("Касым-Жомарту Токаеву"). Here only the head phrase is put into the nominative: the words up
to and including the first noun (adjectives agreeing with it); the genitive tail stays as written.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Universal Dependencies case -> OpenCorpora grammeme (pymorphy).
_UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct", "Voc": "voct"}
_OC_CASE = {value: key for key, value in _UD_CASE.items()}
_OC_TENSE = {"past": "Past", "pres": "Pres", "futr": "Fut"}
_FEMININE_IA_ENDINGS = ("ией", "ию", "ии", "ие")
# Case endings of masculine names with a consonant stem ("Нисар": Нисара, Нисару, Нисаром, Нисаре).
_CONSONANT_STEM_ENDINGS = {"Gen": ("а",), "Acc": ("а",), "Dat": ("у",), "Ins": ("ом",), "Loc": ("е",)}
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
_UD_NUMBER = {"Sing": "sing", "Plur": "plur"}
_PERSON_TAGS = ("Name", "Surn", "Patr")
_ADJECTIVE_POS = {"ADJF", "PRTF", "NUMR"}
_UD_TO_OC_POS = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"}, "ADJ": {"ADJF", "ADJS", "COMP", "PRTF"}, "ADV": {"ADVB"},
}


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a name with what the tagger says about it (empty where it says nothing)."""

    text: str
    pos: str = ""
    case: str = ""  # UD: Nom, Gen, Dat, ...
    number: str = ""  # UD: Sing, Plur
    space_before: bool = True  # False inside "Zakon.kz", which the tokenizer splits
    gender: str = ""  # UD: Masc, Fem, Neut


@lru_cache(maxsize=None)
def analyzer(lang: str):
    """The process's pymorphy3 analyzer of a dictionary (loading one takes 0.1-0.2 s and 15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


class Inflector:
    """Lemmas and nominative forms with one pymorphy3 dictionary (a language's `pymorphy` in language.yaml)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._morph = analyzer(lang)
        # Bounded: a parse list weighs about a kilobyte, and a long run meets new words all the time.
        self.lemma = lru_cache(maxsize=20_000)(self._lemma)
        self._parses = lru_cache(maxsize=8_000)(self._morph.parse)
        # Ukrainian analyses every word of every sentence; its results are three short strings, so
        # many more of them fit than of parse lists.
        self.analyze = lru_cache(maxsize=40_000)(self._analyze)
        self._normal_names = lru_cache(maxsize=4_096)(self._normal_name)

    def _lemma(self, word: str, upos: str = "") -> str:
        parses = self._parses(word.lower())
        wanted = _UD_TO_OC_POS.get(upos)
        if wanted:
            parses = [p for p in parses if p.tag.POS in wanted] or parses
        return parses[0].normal_form.replace("ё", "е") if parses else word.lower()

    def is_known(self, word: str) -> bool:
        """Whether the dictionary knows the word (rather than guessing its forms)."""
        return any(p.is_known for p in self._parses(word.lower()))

    def _analyze(self, word: str) -> tuple[str, str, str]:
        """Lemma, UD part of speech (VERB or '') and UD tense of the most likely reading of a word."""
        parses = self._parses(word.lower())
        if not parses:
            return word.lower(), "", ""
        best = parses[0]
        is_verb = best.tag.POS in ("VERB", "INFN")
        tense = _OC_TENSE.get(best.tag.tense or "", "") if best.tag.POS == "VERB" else ""
        return best.normal_form.replace("ё", "е"), "VERB" if is_verb else "", tense

    def normal_name(self, words: list[Word], entity_type: str) -> str:
        """Nominative form of a name span; words already in the nominative are kept as written."""
        return self._normal_names(tuple(words), entity_type)  # an article names the same people again and again

    def _normal_name(self, words: tuple[Word, ...], entity_type: str) -> str:
        if entity_type == "PER":
            # All words of a name share one case; taggers often miss it on an unknown surname.
            case = next((w.case for w in words if w.case and w.case != "Nom"), "")
            if not any(w.case for w in words):  # no tagger (Ukrainian): read the case off the words
                case = self._implied_case(words)
            feminine = any(w.gender == "Fem" for w in words)
            return _join(words, [self._person_word(w, case, feminine) for w in words])
        head = next((i for i, w in enumerate(words) if w.pos in ("NOUN", "PROPN") or (not w.pos and self._is_noun(w.text))), None)
        if head is None:
            return _join(words, [w.text for w in words])
        if not any(w.case or w.pos for w in words):  # no tagger (Ukrainian): read the phrase off the words
            return _join(words, self._agreeing_nominative(words, head) + [w.text for w in words[head + 1:]])
        number = words[head].number or self._number(words[head].text)
        gender = self._gender(words[head].text, words[head].case)
        phrase = [self._to_nominative(w, number, gender if i < head else None) for i, w in enumerate(words[: head + 1])]
        return _join(words, phrase + [w.text for w in words[head + 1:]])

    def _agreeing_nominative(self, words: tuple[Word, ...], head: int) -> list[str]:
        """The words up to the head noun in the nominative, read together: the head's reading is one its
        adjectives agree with ("Європейської ради" is the singular "рада", not the plural "ради"), singular
        unless the agreement or the noun says otherwise, not a person's name ("Львова" is Львів), and
        nominative where it can be (then the phrase stays as written: "Верховна Рада"). A word the
        dictionary only guesses and can read as nominative is indeclinable ("Гельсінки")."""
        parses = self._parses(words[head].text.lower())
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.tag.case]
        if not nouns or (not any(p.is_known for p in parses) and any(p.tag.case == "nomn" for p in nouns)):
            return [w.text for w in words[: head + 1]]
        adjectives = words[:head]

        def rank(indexed) -> tuple:
            index, noun = indexed
            agree = all(self._agreeing_adjective(a.text, noun) for a in adjectives if a.text[:1].isalpha())
            plain = not _has_any(noun, (*_PERSON_TAGS, "Infr"))  # "Львова" is Львів here, not a surname
            number = 2 if _number_of(noun) == "sing" else 1 if "Pltm" in noun.tag.grammemes else 0
            return agree, plain, number, noun.tag.case == "nomn", -index

        noun = max(enumerate(nouns), key=rank)[1]
        if noun.tag.case == "nomn":
            return [w.text for w in words[: head + 1]]
        number = _number_of(noun)
        forms = []
        for adjective in adjectives:
            parse = self._agreeing_adjective(adjective.text, noun)
            forms.append(_match_case(adjective.text, _inflected(parse, number, noun.tag.gender)) if parse else adjective.text)
        head_form = noun.inflect({"nomn", number}) or noun.inflect({"nomn"})
        return forms + [_match_case(words[head].text, head_form.word if head_form else noun.normal_form)]

    def _agreeing_adjective(self, text: str, noun):
        """The reading of an adjective that agrees with a noun reading in case, number and gender, or None."""
        number = _number_of(noun)
        for parse in self._parses(text.lower()):
            if parse.tag.POS in _ADJECTIVE_POS and parse.tag.case == noun.tag.case and _number_of(parse) == number \
                    and (number == "plur" or parse.tag.gender == noun.tag.gender):
                return parse
        return None

    def _implied_case(self, words: list[Word]) -> str:
        """The case a name is in, decided from all its words: a case every word can be read in (as one
        person: singular), where the nominative is not one of them ("Майка Пенса", "Юлії Тимошенко"); else
        the case one word can only be read in ("Касимом")."""
        shared = None
        for word in words:
            last = word.text.split("-")[-1].lower()
            cases = {p.tag.case for p in self._parses(last) if p.tag.POS == "NOUN" and p.tag.case and _number_of(p) == "sing"}
            shared = cases if shared is None else shared & cases
        if shared and "nomn" not in shared:
            return _OC_CASE[min(shared)]  # "Богдану Братку": dative or locative, one nominative
        for word in words:
            for part in word.text.split("-"):
                cases = {p.tag.case for p in self._parses(part.lower()) if _has_any(p, _PERSON_TAGS) and p.tag.case}
                if cases and "nomn" not in cases:
                    return _OC_CASE[sorted(cases)[0]]
        return ""

    def _person_word(self, word: Word, name_case: str, feminine: bool = False) -> str:
        # Each part of a hyphenated name may decline ("Касимом-Жомартом"); a leading part that can
        # be nominative stays as written ("Касым-Жомарту": only the last part declines), and so do
        # lower-case particles ("фон дер Ляйен", "Саиф уль-Малук").
        parts = word.text.split("-")
        forms = []
        for i, part in enumerate(parts):
            part_word = Word(part, word.pos, word.case, word.number)
            if part[:1].islower() or (i < len(parts) - 1 and self._can_be_nominative_name(part)):
                forms.append(part)
            else:
                forms.append(self._person_part(part_word, name_case, feminine))
        return "-".join(forms)

    def _can_be_nominative_name(self, text: str) -> bool:
        return any(_has_any(p, _PERSON_TAGS) and p.tag.case == "nomn" for p in self._parses(text.lower()))

    def _person_part(self, word: Word, name_case: str, feminine: bool = False) -> str:
        parses = self._parses(word.text.lower())
        person_parses = [p for p in parses if _has_any(p, _PERSON_TAGS)]
        nominative_reading = any(p.tag.case == "nomn" for p in person_parses)
        case = word.case
        if not case and not name_case and any(p.tag.case == "nomn" and _number_of(p) == "sing" for p in person_parses):
            return word.text  # no tagger, and the name reads as one person's nominative: "Павло Клімкін"
        if case == "Nom" and nominative_reading:
            pass  # the tagger and the dictionary agree: it is already nominative ("Джули", "Асия")
        elif name_case and any(p.tag.case == _UD_CASE[name_case] for p in parses if not _is_fixed(p)):
            case = name_case
        elif case == "Nom" and not nominative_reading and any(p.tag.number == "sing" for p in person_parses):
            case = ""  # the tagger says nominative, the dictionary says this one person cannot be
        feminine_ia = self._feminine_ia(word.text, name_case or case, person_parses, feminine)
        if feminine_ia:
            return feminine_ia
        guessed = self._guessed_nominative(word.text, name_case or (case if case != "Nom" else ""), parses)
        if guessed:
            return guessed
        return self._to_nominative(Word(word.text, word.pos, case, word.number), None, None, _PERSON_TAGS)

    @staticmethod
    def _feminine_ia(text: str, case: str, person_parses, feminine: bool) -> str | None:
        """"Асию", "Асии", "Асией" of a woman are forms of "Асия", not of the man's name "Асий".

        Taken where the name is tagged feminine, or where no masculine reading has the name's case
        ("Асию" as an accusative: "Асий" has "Асия" there).
        """
        lower = text.lower()
        if lower.endswith("ия") and (feminine or case in ("Nom", "")):
            return text  # already the nominative "Асия" (the man's "Асий" has "Асия" only as genitive)
        ending = next((e for e in _FEMININE_IA_ENDINGS if lower.endswith(e)), None)
        if ending is None or len(lower) <= len(ending) + 1:
            return None
        if feminine or (case and case != "Nom" and not any(p.tag.case == _UD_CASE.get(case) for p in person_parses)):
            return _match_case(text, lower[: -len(ending)] + "ия")
        return None

    def _guessed_nominative(self, text: str, case: str, parses) -> str | None:
        """A consonant stem the dictionary does not know, carrying the name's case ending, is that
        stem ("Нисару" in a dative name is "Нисар"); pymorphy would only guess it as indeclinable."""
        if any(p.is_known for p in parses) or not case or case == "Nom":
            return None
        lower = text.lower()
        for ending in _CONSONANT_STEM_ENDINGS.get(case, ()):
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= 3 and stem[-1] in _CONSONANTS:
                return _match_case(text, stem)
        return None

    def _is_noun(self, text: str) -> bool:
        parses = self._parses(text.lower())
        return bool(parses) and parses[0].tag.POS == "NOUN"

    def _number(self, text: str) -> str:
        parses = self._parses(text.lower())
        return "Plur" if parses and parses[0].tag.number == "plur" else "Sing"

    def _gender(self, text: str, case: str) -> str | None:
        for parse in self._parses(text.lower()):
            if parse.tag.POS == "NOUN" and (not case or parse.tag.case == _UD_CASE.get(case)):
                return parse.tag.gender
        return None

    def _to_nominative(self, word: Word, number: str | None, gender: str | None,
                       prefer: tuple[str, ...] = ("Geox", "Orgn", "Name", "Surn")) -> str:
        text = word.text
        if not text or word.case == "Nom" or not any(ch.isalpha() for ch in text) or text.isupper():
            return text
        if "-" in text and text.rpartition("-")[2][:1].islower():
            return text  # "Даунинг-стрит", "Уолл-стрит": compounds with a lower-case foreign tail do not decline
        parses = self._parses(text.lower())
        case = _UD_CASE.get(word.case)
        candidates = [p for p in parses if p.tag.case and (case is None or p.tag.case == case)] or []
        if word.pos in ("NOUN", "PROPN") or word.pos == "":
            candidates = [p for p in candidates if p.tag.POS in ("NOUN", *_ADJECTIVE_POS)] or candidates
        # The word's likeliest lemma among the readings in its case: "море" in "Чёрном море" is the sea,
        # not the locative of "мор".
        candidates = [p for p in candidates if p.normal_form == parses[0].normal_form] or candidates
        preferred = [p for p in candidates if _has_any(p, prefer)]
        parse = (preferred or candidates or [None])[0]
        if parse is None or parse.tag.case == "nomn":
            return text
        grammemes = {"nomn", _UD_NUMBER.get(number or "", parse.tag.number or "sing") or "sing"}
        if gender and parse.tag.POS in _ADJECTIVE_POS and "plur" not in grammemes:
            grammemes.add(gender)
        inflected = parse.inflect(grammemes) or parse.inflect({"nomn"})
        # A guessed word (unknown to the dictionary) may not inflect; its normal form is the nominative.
        return _match_case(text, inflected.word if inflected else parse.normal_form)


def _number_of(parse) -> str:
    """"sing" or "plur"; the Ukrainian dictionary marks only the plural."""
    return "plur" if "plur" in parse.tag.grammemes else "sing"


def _inflected(parse, number: str, gender: str | None) -> str:
    """An adjective in the nominative of a number and gender; paradigms that have no "sing" grammeme
    (Ukrainian) are asked by gender alone."""
    wanted = [{"nomn", "plur"}] if number == "plur" else [{"nomn", gender}, {"nomn", "sing", gender}] if gender else []
    for grammemes in [*wanted, {"nomn"}]:
        inflected = parse.inflect(grammemes)
        if inflected:
            return inflected.word
    return parse.normal_form


def _is_fixed(parse) -> bool:
    """An indeclinable reading ('Fixd'): it fits every case, so it says nothing about this one."""
    return "Fixd" in parse.tag.grammemes


def _has_any(parse, grammemes: tuple[str, ...]) -> bool:
    return any(g in parse.tag.grammemes for g in grammemes)


def _join(words: list[Word], forms: list[str]) -> str:
    return "".join((" " if w.space_before and i else "") + form for i, (w, form) in enumerate(zip(words, forms)))


def _match_case(original: str, word: str) -> str:
    """Give `word` the capitalisation of `original`, and drop ё where the original wrote е."""
    if "ё" not in original.lower():
        word = word.replace("ё", "е")
    if original.isupper():
        return word.upper()
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) == len(originals):
        return "-".join(p.capitalize() if o[:1].isupper() else p for p, o in zip(parts, originals))
    return word.capitalize() if original[:1].isupper() else word
