project = "exerkine-i18n"
extensions = ["sphinx_exerkine"]
language = "ja"
locale_dirs = ["locales"]
gettext_compact = False
exerkine_glossary = ["glossary.yaml"]
