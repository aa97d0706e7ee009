"""A referral file for an organisation outside the casebook: consent-checked, age-encrypted."""
