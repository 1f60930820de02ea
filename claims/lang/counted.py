"""What a number counts, across kk, ru and en: stems of counted nouns folded to one thing.

``COUNTED`` maps a thing to stems (lowercase prefixes of the inflected word) in the three
languages; :func:`counted_things` names the things a text mentions.  Two claims that both
state a number and name one thing count the same thing ("64 үй" / "около 350 домов" /
"300 homes"), whichever side of the number the noun stands (Kazakh puts it before:
"үйлердің 64-і").
"""

from __future__ import annotations

import regex

__all__ = ["COUNTED", "counted_things"]

COUNTED: dict[str, tuple[str, ...]] = {
    "homes": (
        "үй", "үйі", "үйл", "үйд", "үйг", "үйс", "үйін", "баспана",
        "дом", "дома", "домо", "жил", "квартир",
        "home", "house", "dwelling", "flat", "apartment",
    ),
    "families": ("отбасы", "семь", "семей", "famil", "household"),
    "children": ("бала", "балал", "дет", "ребен", "ребён", "child"),
    "vehicles": ("көлік", "техник", "машин", "автомоб", "vehicle", "truck", "car"),
    "rescuers": (
        "құтқарушы", "ерікті", "спасател", "волонт", "доброволь", "rescuer", "volunteer",
    ),
    "victims": ("зардап", "пострадав", "ранен", "жарақат", "injur", "victim", "wounded"),
    "deaths": ("қаза", "погиб", "умер", "смерт", "dead", "death", "killed", "died"),
}  # fmt: skip

_EXACT = frozenset({"үй", "дом", "car", "flat", "бала"})
_WORD = regex.compile(r"\p{L}+")


def counted_things(text: str) -> frozenset[str]:
    """The things of :data:`COUNTED` that ``text`` names."""
    found: set[str] = set()
    for word in _WORD.findall(text.lower()):
        for thing, stems in COUNTED.items():
            if thing in found:
                continue
            for stem in stems:
                if word == stem if stem in _EXACT else word.startswith(stem):
                    found.add(thing)
                    break
    return frozenset(found)
