project = "exerkine-escape"
extensions = ["sphinx_exerkine"]
exerkine_glossary = ["glossary.yaml"]
