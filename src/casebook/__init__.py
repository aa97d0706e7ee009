"""Casebook: secure documentation and analysis of testimonies of trafficking."""

from casebook.errors import CasebookError

__version__ = "0.1.0"

__all__ = ["CasebookError", "__version__"]
