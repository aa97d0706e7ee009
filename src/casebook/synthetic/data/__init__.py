"""Parameters of the synthetic cohort (cohort.toml)."""
