project = "exerkine-parallel"
extensions = ["sphinx_exerkine"]
language = "ja"
exerkine_glossary = ["glossary.yaml"]
