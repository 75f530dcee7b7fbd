project = "exerkine-options"
extensions = ["sphinx_exerkine"]
language = "ja"
exerkine_glossary = ["glossary.yaml"]
