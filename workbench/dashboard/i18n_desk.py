"""Sentences the read models word for the dashboard: audit lines, event kinds, queue reasons.

The English keys are :data:`workbench.desk_views.AUDIT_SENTENCES`,
:data:`workbench.desk_views.EVENT_KINDS` and :data:`workbench.views_queue.REASONS`
(a test checks every one is here).  Names, ids, notes and reasons stay as written.
"""

from __future__ import annotations

__all__ = ["DESK"]

DESK: tuple[tuple[str, str, str], ...] = (
    # audit sentences
    (
        "{who} recorded “{verdict}” on {cluster}",
        "{who} {cluster} бойынша “{verdict}” қорытындысын жазды",
        "{who} записал(а) вердикт “{verdict}” для {cluster}",
    ),
    (
        "{who} signed off “{verdict}” on {cluster}",
        "{who} {cluster} бойынша “{verdict}” қорытындысын бекітті",
        "{who} утвердил(а) вердикт “{verdict}” для {cluster}",
    ),
    (
        "{who} reopened {cluster}",
        "{who} {cluster} кластерін қайта ашты",
        "{who} снова открыл(а) {cluster}",
    ),
    (
        "{who} added an article from {source} ({claims})",
        "{who} {source} дереккөзінен мақала қосты ({claims})",
        "{who} добавил(а) статью из {source} ({claims})",
    ),
    (
        "{who} re-clustered: {clusters}",
        "{who} қайта кластерледі: {clusters}",
        "{who} заново кластеризовал(а): {clusters}",
    ),
    (
        "{who} moved claim {claim} from {old} to {cluster}",
        "{who} {claim} тұжырымын {old} кластерінен {cluster} кластеріне жылжытты",
        "{who} перенёс(ла) утверждение {claim} из {old} в {cluster}",
    ),
    ("{who} split {cluster}", "{who} {cluster} кластерін бөлді", "{who} разделил(а) {cluster}"),
    (
        "{who} merged {merged} into {cluster}",
        "{who} {merged} кластерлерін {cluster} етіп біріктірді",
        "{who} объединил(а) {merged} в {cluster}",
    ),
    (
        "{who} undid correction #{undone}",
        "{who} #{undone} түзетуін болдырмады",
        "{who} отменил(а) исправление #{undone}",
    ),
    (
        "{who} let new claims join {cluster}",
        "{who} жаңа тұжырымдарды {cluster} кластеріне қосты",
        "{who} принял(а) новые утверждения в {cluster}",
    ),
    (
        "{who} kept new claims apart from {cluster}",
        "{who} жаңа тұжырымдарды {cluster} кластерінен бөлек қалдырды",
        "{who} оставил(а) новые утверждения отдельно от {cluster}",
    ),
    # event kinds (the Audit filter)
    ("verdict recorded", "қорытынды жазылды", "вердикт записан"),
    ("article added", "мақала қосылды", "статья добавлена"),
    ("re-clustered", "қайта кластерленді", "заново кластеризовано"),
    ("links stored", "байланыстар сақталды", "связи сохранены"),
    ("embeddings cached", "эмбеддингтер сақталды", "эмбеддинги сохранены"),
    ("reviewer saved", "тексеруші сақталды", "проверяющий сохранён"),
    ("login failed", "кіру сәтсіз", "неудачный вход"),
    ("login locked", "кіру бұғатталды", "вход заблокирован"),
    ("login refused", "кіру қабылданбады", "вход отклонён"),
    ("claim moved", "тұжырым жылжытылды", "утверждение перенесено"),
    ("cluster split", "кластер бөлінді", "кластер разделён"),
    ("clusters merged", "кластерлер біріктірілді", "кластеры объединены"),
    ("correction undone", "түзету болдырылмады", "исправление отменено"),
    ("proposal accepted", "ұсыныс қабылданды", "предложение принято"),
    ("claims kept apart", "тұжырымдар бөлек қалдырылды", "утверждения оставлены отдельно"),
    # headline claims (cluster view, claims table)
    ("headline", "тақырып жолы", "из заголовка"),
    (
        "Taken from the article's headline",
        "Мақаланың тақырып жолынан алынған",
        "Взято из заголовка статьи",
    ),
    # the alignment table and its date badge
    ("reads:", "оқылуы:", "читается:"),
    ("linked to {claims}", "{claims} байланысты", "связано с: {claims}"),
    ("unlinked", "байланыссыз", "без связей"),
    ("row", "жол", "строка"),
    (
        "sources published the same day ({day})",
        "дереккөздер бір күнде жарияланған ({day})",
        "источники опубликованы в один день ({day})",
    ),
    (
        "sources {span} apart ({first} to {last})",
        "дереккөздер арасы {span} ({first} – {last})",
        "между источниками {span} ({first} – {last})",
    ),
    (" · undated: {sources}", " · күні жоқ: {sources}", " · без даты: {sources}"),
    # queue reasons ("why")
    ("{n}: {kinds}", "{n}: {kinds}", "{n}: {kinds}"),
    ("{n}", "{n}", "{n}"),
    (
        "hints: {kinds} (not aligned yet: cluster again)",
        "белгілер: {kinds} (әлі салыстырылмаған: қайта кластерлеңіз)",
        "подсказки: {kinds} (ещё не сопоставлено: кластеризуйте заново)",
    ),
    (
        "{n}; hints on related links: {kinds}",
        "{n}; байланысты сілтемелердегі белгілер: {kinds}",
        "{n}; подсказки на связях: {kinds}",
    ),
    ("only in {sources}", "тек {sources} дереккөзінде", "только в {sources}"),
)
