"""First reading of a vendor's privacy policy: findings with evidence, flags, a draft processor.

Rules and vocabularies a DPO can read (``vocabulary.py``), not an opaque model; standard library
only. The vendor catalogue arrives as data from the caller.
"""

from __future__ import annotations

from privdesk.domain.policy.catalogue import Catalogue, Vendor, build_catalogue, catalogue_from_json
from privdesk.domain.policy.review import Review, review_policy, review_to_json

__all__ = ["Catalogue", "Review", "Vendor", "build_catalogue", "catalogue_from_json",
           "review_policy", "review_to_json"]
