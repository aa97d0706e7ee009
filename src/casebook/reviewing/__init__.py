"""What a reviewer does beyond accepting a suggestion: add a fact from the words (``additions``),
see the record as it will be counted (``record_state``), and close a testimony's review."""
