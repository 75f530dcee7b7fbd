project = "exerkine-noglossary"
extensions = ["sphinx_exerkine"]
exerkine_glossary = ["glossary.yaml"]
