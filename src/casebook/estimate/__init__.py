"""Estimating the unseen: multiple systems estimation and scenario models with uncertainty.

Pure computation (numpy/scipy); no storage or web imports. The CLI lives in
``casebook.cli.estimate``.
"""

from casebook.estimate.mse import METHODS, MSEResult, estimate_population
from casebook.estimate.table import CaptureTable, overlap_table, parse_table_csv, read_table_csv

__all__ = [
    "METHODS",
    "CaptureTable",
    "MSEResult",
    "estimate_population",
    "overlap_table",
    "parse_table_csv",
    "read_table_csv",
]
