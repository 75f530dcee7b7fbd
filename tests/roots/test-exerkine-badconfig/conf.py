project = "exerkine-badconfig"
extensions = ["sphinx_exerkine"]
# every value is invalid: each falls back to its default with a warning
exerkine_autolink = "sometimes"
exerkine_lint = "yes"
exerkine_tooltips = 1
exerkine_language = "fr"
exerkine_glossary = ["missing.yaml"]
