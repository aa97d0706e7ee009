"""Plain-text helpers shared by several packages; imports nothing else of casebook."""
