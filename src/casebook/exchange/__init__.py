"""Exchange with the systems teams report to or already use: HTCDS/CTDC and Uwazi, both ways."""
