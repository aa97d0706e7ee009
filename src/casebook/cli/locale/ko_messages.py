KO: dict[str, str] = {}
