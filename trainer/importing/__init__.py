"""Importers that turn other formats into tree files."""
