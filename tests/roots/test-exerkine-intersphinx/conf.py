project = "exerkine-intersphinx"
extensions = ["sphinx.ext.intersphinx"]
# intersphinx_mapping is given by the test: it points at the inventory of a project built just before
