"""Sharing records with others: consent-checked, encrypted exports."""
