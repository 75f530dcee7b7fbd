project = "exerkine-builtin"
extensions = ["sphinx_exerkine"]
