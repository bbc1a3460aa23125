"""Every confidence the rules give a claim, by name, in one place.

A confidence says how sure a rule is that it found an attribution (0–1, shown in the
tooltip and used to order pairings). The parse-linked patterns are surest; surface patterns
that repair a misparse, negated cues and claims without a source are weaker.
"""

from __future__ import annotations

# verb cue linked to its content by the parse, by the class of the cue
VERB_CONFIDENCE = {"speech": 0.85, "belief": 0.75, "evidence": 0.75, "intention": 0.7,
                   "decree": 0.75, "perception": 0.7}
OTHER_CLASS_CONFIDENCE = 0.7
NEGATED_PENALTY = 0.15        # "did not say that …": an attribution, but a weaker one
REPAIR_PENALTY = 0.1          # the parse did not link cue and content; a surface pattern did
NO_SOURCE_PENALTY = 0.2       # a sourced kind of claim whose source was not resolved
QUOTE_BONUS = 0.05            # quotation marks confirm the cue
QUOTE_BONUS_CEILING = 0.95

ADJECTIVE_CONFIDENCE = 0.7    # "confident that …", "willing to …"
NOMINAL_CONFIDENCE = 0.7      # "her warning that …"
PASSIVE_CONFIDENCE = 0.75     # "it is believed that …", "was criticised by residents"
HEDGE_ADVERB_CONFIDENCE = 0.7  # "reportedly"
ACCORDING_TO_CONFIDENCE = 0.9
GENERIC_REPORTS_CONFIDENCE = 0.7  # "according to reports": a hedge
AS_PUT_IT_CONFIDENCE = 0.8
IN_WORDS_CONFIDENCE = 0.8
CITING_CONFIDENCE = 0.75
HEADLINE_COLON_CONFIDENCE = 0.5
DASH_CREDIT_CONFIDENCE = 0.7
NOUN_TAGGED_CUE_CONFIDENCE = 0.6   # "the data show." with "show" tagged a noun: a surface repair
QUOTE_THEN_CUE_CONFIDENCE = 0.8   # "“…,” the mayor said" parsed apart
FLOATING_QUOTE_CONFIDENCE = 0.6

FLOOR, CEILING = 0.05, 0.99   # a claim's confidence is clipped to this range
