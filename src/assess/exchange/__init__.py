"""Questionnaires in and out: xlsx and csv for auditors, the offline HTML form, and import of
foreign questionnaires.

``export`` builds a questionnaire to fill in; ``importer`` reads one back (our own exports by
id, foreign sheets through ``matcher``, which is pure: text in, candidates with confidence out).
"""
