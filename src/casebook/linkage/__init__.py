"""Record linkage: the same woman, broker or village across testimonies and organisations.

Pipeline steps, one module each: ``names`` (Korean-aware keys) → ``compare`` (features and
comparison levels) → ``blocking`` → ``scoring`` (Fellegi–Sunter on Splink/DuckDB) →
``cluster`` → ``decisions`` (human review). Across organisations: ``encode`` (Bloom-filter CLKs)
→ ``match``. Places: ``place_mentions``. Then ``network`` (perpetrators, places, victims) and
``synthetic`` (test data).
"""

from casebook.linkage.cluster import Cluster, UnionFind, clusters
from casebook.linkage.decisions import (
    Decision,
    accept,
    apply_decisions,
    not_same,
    revoke,
    split,
)
from casebook.linkage.records import PerpetratorRecord, PersonRecord
from casebook.linkage.scoring import Pair, score_pairs

__all__ = [
    "Cluster", "Decision", "Pair", "PerpetratorRecord", "PersonRecord", "UnionFind", "accept",
    "apply_decisions", "clusters", "not_same", "revoke", "score_pairs", "split",
]
