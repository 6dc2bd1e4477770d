"""Questionnaires in and out: spreadsheets, CSV and the offline HTML form."""
