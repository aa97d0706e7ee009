"""Records in and out of the casebook: Casebook JSON/CSV exports (``export.py``) and the systems
teams report to or already use (HTCDS/CTDC, Uwazi), both ways; all consent-checked."""
