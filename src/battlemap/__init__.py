"""battlemap: Chinese city construction-campaign figures as a tested, provenance-tracked warehouse."""

__version__ = "0.1.0"
