"""Synthetic, fictional data that follows published figures: for the demo, tests and benchmarks.

Nothing here is anyone's story; every record made from it is marked synthetic.
"""

from casebook.synthetic.cohort import SyntheticPerson, Telling, cohort, parameters, text_of

__all__ = ["SyntheticPerson", "Telling", "cohort", "parameters", "text_of"]
