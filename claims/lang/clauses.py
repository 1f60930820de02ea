"""Connectives that join two full clauses in one sentence, for :mod:`claims.clauses`.

Each table is a tuple of regular-expression alternatives (case-insensitive, matched
over the sentence content) for the *separator* between two clauses; the separator
itself belongs to neither clause claim:

* ``CONTRAST``: a comma and a contrastive/adversative conjunction opening a clause -
  Kazakh ", ал", ", бірақ", ", алайда"; English ", while", ", but" (not the concessive
  ", although" / ", whereas": a sentence that gives a second version of one fact stays
  whole, see ``claims.lang.stance``).  Russian ", а" / ", но" / ", однако" are not cut:
  measured, cutting them joined no more cross-report pairs (xref_dev and the held-out
  story unchanged) and linked fewer translations (``benchmarks/ntrex_segmented.py``,
  NTREX segment pairs with a ``same`` link 0.841 with the cut, 0.854 without);
* ``TEMPORAL``: a subordinate clause of time after the main clause - Russian
  "после того, как" ("Оба села оказались под водой после того, как ... размыла");
* ``SEMICOLON``: "; " between two clauses, in every language;
* ``NEG_EXISTENTIAL``: a clause that is only "X нет" / "X жоқ" ("Погибших нет, двое
  жителей ... доставлены") - the comma after it ends a clause (no conjunction).

An English background clause opening the sentence ("A year after ..., the dam has been
rebuilt") is not cut either: measured, cutting it lost two xref_dev ``same`` pairs (0.977
without, 0.930 with) and held-out precision (0.950 without, 0.934 with), NTREX unchanged.
"""

from __future__ import annotations

__all__ = ["CONTRAST", "NEG_EXISTENTIAL", "SEMICOLON", "TEMPORAL"]

CONTRAST: dict[str, tuple[str, ...]] = {
    "kk": (r",\s+(?:ал|бірақ|алайда)\s+",),
    "ru": (),
    "en": (r",\s+(?:while|but)\s+",),
}
TEMPORAL: dict[str, tuple[str, ...]] = {
    "kk": (),
    "ru": (r",?\s+после\s+того\s*,\s+как\s+",),
    "en": (),
}
SEMICOLON = r";\s+"
NEG_EXISTENTIAL: dict[str, tuple[str, ...]] = {
    "kk": ("жоқ",),
    "ru": ("нет",),
    "en": (),
}
