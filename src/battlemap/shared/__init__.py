"""Plumbing every step shares: project paths, child processes, file locks, safe CSV, the read-only warehouse, the
national gazetteer (places), the seed schemas and the map's boundary layer (geo)."""
