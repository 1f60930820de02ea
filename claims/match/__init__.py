"""Stage 4: matching claims across sources.

Review clusters (:mod:`claims.cluster` today) group the claims a reviewer must
see together; :func:`align_clusters` links, inside each cluster, every claim to
its counterparts in the other sources with a relation (``same`` / ``related`` /
``conflict``), a score and the hints behind it.
"""

from claims.match.align import Aligner, PairChecker, align_clusters

__all__ = ["Aligner", "PairChecker", "align_clusters"]
