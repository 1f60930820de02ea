"""Language knowledge for Kazakh, Russian and English: the one place every stage reads.

* :mod:`claims.lang.months`    - month names and their inflected forms, seasons;
* :mod:`claims.lang.numerals`  - number words, ordinals, multipliers, case endings on numerals;
* :mod:`claims.lang.timewords` - time units, relative words, duration and period markers;
* :mod:`claims.lang.quantifiers` - approximators ("шамамен", "около", "about"), units, time units;
* :mod:`claims.lang.negation`  - negators, negative-concord words, Kazakh negative verb morphology;
* :mod:`claims.lang.suffixes`  - Kazakh and Russian case endings, a light stemmer;
* :mod:`claims.lang.aliases`   - curated entity aliases across scripts and role words;
* :mod:`claims.lang.translit`  - Kazakh/Russian/Latin transliteration folding of names;
* :mod:`claims.lang.reporting` - report verbs ("деді", "сообщил", "said") and attribution verbs;
* :mod:`claims.lang.stance`    - plans, later states, two versions ("төленеді", "теперь");
* :mod:`claims.lang.pronouns`  - 3rd-person pronouns that open a claim ("Олар", "Их", "They");
* :mod:`claims.lang.causes`    - cause markers ("себеп болды", "из-за", "due to"), cause concepts.

Stages import tables from here; nothing here imports a stage.
"""

from __future__ import annotations

from claims.lang.months import is_month, month_number
from claims.lang.translit import name_key, names_match

__all__ = ["is_month", "month_number", "name_key", "names_match"]
