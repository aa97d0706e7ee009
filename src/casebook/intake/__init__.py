"""Intake: turning files and form input into testimonies ready to store."""

from casebook.intake.readers import ImportItem, expand_paths, read_file

__all__ = ["ImportItem", "expand_paths", "read_file"]
