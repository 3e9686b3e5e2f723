"""Readers of data in other forms than the YAML files: each gives the loader plain values
placed where they stood, and the loader checks them (one set of rules)."""
