"""The corpus: article files, the cue taxonomy, answer keys, and the importer that cleans raw pages.

Free of Flask: the command line, the tests and the web app all read the corpus through here.
"""
