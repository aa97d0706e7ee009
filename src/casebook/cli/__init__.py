"""The ``casebook`` command line: thin commands over the library."""
