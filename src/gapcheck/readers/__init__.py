"""Readers of published sources into gapcheck's data: ATT&CK's STIX bundle, Sigma rules.

Each turns its files into the data format's plain values (what focus_areas.yaml or
initiatives.yaml holds) or located problems; the loader's checks then judge the result
like any data a person wrote.
"""
