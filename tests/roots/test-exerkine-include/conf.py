project = "exerkine-include"
extensions = ["sphinx_exerkine"]
language = "ja"
exclude_patterns = ["_build", "parts"]
exerkine_glossary = ["glossary.yaml"]
