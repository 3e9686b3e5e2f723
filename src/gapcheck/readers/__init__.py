"""Readers of data in other forms than the two YAML files, and of published sources.

Each turns its files into the data format's plain values (what focus_areas.yaml or
initiatives.yaml holds) or located problems; the loader's checks then judge the result
like any data a person wrote (one set of rules): an Excel workbook (``workbook``, which
``--data book.xlsx`` reads through :func:`gapcheck.readers.data.load_path`), ATT&CK's
STIX bundle (``attack``), Sigma rules (``sigma``).
"""
