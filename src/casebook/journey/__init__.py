"""Her journey as she told it, in words: how each fact reads (with its mood, in English or
Korean), the clause behind it, and the steps of her story in order.

Plain Python on the model and the vocabularies: the CLI, the web pages, the API, reports and
exports all read facts through here, so a denied arrest never reads as an arrest anywhere.
"""

from casebook.journey.clauses import clause
from casebook.journey.reading import (
    Part,
    Reading,
    field_label,
    mood_choices,
    mood_key,
    read,
    read_event,
    read_fact,
)
from casebook.journey.timeline import Gap, Journey, Step, Telling, build, stage_label, stages

__all__ = ["Gap", "Journey", "Part", "Reading", "Step", "Telling", "build", "clause",
           "field_label", "mood_choices", "mood_key", "read", "read_event", "read_fact",
           "stage_label", "stages"]
