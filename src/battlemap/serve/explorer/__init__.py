"""Helpers of the battlemap explorer app: data access, texts, formatting, highlighting, charts."""
