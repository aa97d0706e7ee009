"""Record linkage: the same woman, broker or village across testimonies and organisations.

Pipeline steps, one module each: ``names`` (Korean-aware keys) → ``compare`` (features and
comparison levels) → ``blocking`` → ``model`` (Fellegi–Sunter on Splink/DuckDB) → ``cluster``
→ ``decisions`` (human review). Across organisations: ``encode`` (Bloom-filter CLKs) →
``match``. Then ``network`` (perpetrators, places, victims) and ``synthetic`` (test data).
"""

from casebook.linkage.cluster import Cluster, clusters
from casebook.linkage.decisions import (
    Decision,
    accept,
    apply_decisions,
    not_same,
    revoke,
    split,
)
from casebook.linkage.model import Pair, score_pairs
from casebook.linkage.records import PerpetratorRecord, PersonRecord

__all__ = [
    "Cluster", "Decision", "Pair", "PerpetratorRecord", "PersonRecord", "accept",
    "apply_decisions", "clusters", "not_same", "revoke", "score_pairs", "split",
]
