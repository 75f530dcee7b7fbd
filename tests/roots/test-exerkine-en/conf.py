project = "exerkine-en"
extensions = ["sphinx_exerkine"]
exerkine_glossary = ["glossary.yaml"]
