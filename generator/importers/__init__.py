"""Importers: other exercise libraries turned into a RunStrong content folder.

An importer maps what it can onto RunStrong's vocabularies and says what it could not: every
record of the source is either written as an exercise or listed as skipped with its reason,
and every muscle or piece of equipment it had to add to the vocabulary is named in the report.
"""

from __future__ import annotations

from .free_exercise_db import convert_records, import_free_exercise_db
from .report import ImportReport

__all__ = ["ImportReport", "convert_records", "import_free_exercise_db"]
