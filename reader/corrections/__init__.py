"""The reader's corrections of an analysis: what they are (model.py), how they apply on top of
the engine's result (apply.py) and the evaluation format of a corrected article
(eval_format.py). No Qt, no store, no model."""

from reader.corrections.apply import Unapplied, apply, corrected_ids
from reader.corrections.model import (
    CORRECTED_KEY,
    CORRECTION_KINDS,
    Anchor,
    CardRef,
    CardSpec,
    Correction,
    add_claim,
    change_kind,
    change_source,
    edit_card,
    edit_span,
    merge_cards,
    not_a_claim,
    split_mentions,
)

__all__ = ["CORRECTED_KEY", "CORRECTION_KINDS", "Anchor", "CardRef", "CardSpec", "Correction", "Unapplied",
           "add_claim", "apply", "change_kind", "change_source", "corrected_ids", "edit_card", "edit_span",
           "merge_cards", "not_a_claim", "split_mentions"]
