"""Measurement for improvement projects: PDSA cycles, measures and their data, SPC and run charts.

The SPC rules themselves are in `projects.spc` (plain Python); this package stores the data, checks who
may see and change it, and draws the pages and the API.
"""

from projects.measurement import permissions as _permissions  # noqa: F401  (registers the rules)
